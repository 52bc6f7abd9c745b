"""The PB API kept its addresses and operation ids when it became a package of routers."""

from coopcouncil.config.api import api

# Clients generated from the OpenAPI document name their calls by these ids.
PB_OPERATIONS = {
    ("PUT", "/api/v1/pb/me/date-of-birth"): "birth_date_give",
    ("GET", "/api/v1/pb/processes"): "process_list",
    ("POST", "/api/v1/pb/processes"): "process_create",
    ("GET", "/api/v1/pb/processes/{process_id}"): "process_detail",
    ("PATCH", "/api/v1/pb/processes/{process_id}"): "process_update",
    ("POST", "/api/v1/pb/processes/{process_id}/advance"): "process_advance",
    ("GET", "/api/v1/pb/processes/{process_id}/ballot"): "ballot_detail",
    ("PUT", "/api/v1/pb/processes/{process_id}/ballot"): "ballot_cast",
    ("POST", "/api/v1/pb/processes/{process_id}/close-voting"): "process_close_voting",
    ("GET", "/api/v1/pb/processes/{process_id}/delivery"): "delivery_list",
    ("GET", "/api/v1/pb/processes/{process_id}/pabulib"): "pabulib_export",
    ("GET", "/api/v1/pb/processes/{process_id}/projects"): "project_list",
    (
        "PUT",
        "/api/v1/pb/processes/{process_id}/projects/{project_id}/delivery",
    ): "delivery_update",
    ("GET", "/api/v1/pb/processes/{process_id}/proposals"): "proposal_list",
    ("POST", "/api/v1/pb/processes/{process_id}/proposals"): "proposal_submit",
    (
        "POST",
        "/api/v1/pb/processes/{process_id}/proposals/{project_id}/review",
    ): "proposal_review",
    ("GET", "/api/v1/pb/processes/{process_id}/results"): "result_detail",
}


def test_every_pb_operation_keeps_its_address_id_and_tag():
    schema = api.get_openapi_schema()
    found = {
        (method.upper(), path): operation
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/pb/")
        for method, operation in operations.items()
    }
    assert set(found) == set(PB_OPERATIONS)
    for key, name in PB_OPERATIONS.items():
        assert found[key]["operationId"] == f"coopcouncil_participation_api_{name}"
        assert found[key]["tags"] == ["participatory budgeting"]
