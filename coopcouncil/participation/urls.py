from django.urls import include, path

from coopcouncil.participation.views import (
    delivery,
    processes,
    proposals,
    results,
    review,
    voting,
)

app_name = "participation"

# Every page of one process, mounted under `<int:process_id>/`.
process_patterns = [
    path("", processes.process_detail, name="process"),
    path("edit/", processes.process_edit, name="process_edit"),
    path("projects/<int:project_id>/", proposals.project_detail, name="project"),
    path("projects/<int:project_id>/photo", proposals.project_photo, name="project_photo"),
    path("propose/", proposals.proposal_new, name="propose"),
    path("review/", review.review_list, name="review"),
    path("review/<int:project_id>/", review.review_submit, name="review_submit"),
    path("vote/", voting.ballot, name="ballot"),
    path("vote/date-of-birth/", voting.birth_date, name="birth_date"),
    path("advance/", processes.process_advance, name="advance"),
    path("close-voting/", voting.voting_close, name="close_voting"),
    path("recount/", results.result_recount, name="recount"),
    path("results/", results.results, name="results"),
    path("delivery/", delivery.delivery, name="delivery"),
    path("delivery/<int:project_id>/", delivery.delivery_update, name="delivery_update"),
    path("export.pb", results.export, name="export"),
]

urlpatterns = [
    path("", processes.index, name="index"),
    path("new/", processes.process_new, name="process_new"),
    path("<int:process_id>/", include(process_patterns)),
]
