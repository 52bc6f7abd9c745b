"""The open data page lists every dataset in the catalogue with working downloads."""

from coopcouncil.opendata.catalogue import DATASETS, LICENCE_NAME


def test_the_open_data_page_lists_every_dataset_with_the_licence(client, places):
    page = client.get("/open-data/").content.decode()
    assert LICENCE_NAME in page
    for dataset in DATASETS:
        assert f'id="dataset-{dataset.slug}"' in page
        for download in dataset.downloads:
            assert download.url() in page


def test_every_catalogue_download_is_served(client, places):
    for dataset in DATASETS:
        for download in dataset.downloads:
            response = client.get(download.url())
            assert response.status_code == 200, (dataset.slug, download.format)


def test_catalogue_slugs_are_unique():
    slugs = [dataset.slug for dataset in DATASETS]
    assert len(slugs) == len(set(slugs))
