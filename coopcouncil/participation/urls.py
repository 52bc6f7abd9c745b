from django.urls import path

from coopcouncil.participation.views import (
    delivery,
    processes,
    proposals,
    results,
    review,
    voting,
)

app_name = "participation"
urlpatterns = [
    path("", processes.index, name="index"),
    path("new/", processes.process_new, name="process_new"),
    path("<int:process_id>/", processes.process_detail, name="process"),
    path("<int:process_id>/edit/", processes.process_edit, name="process_edit"),
    path("<int:process_id>/projects/<int:project_id>/", proposals.project_detail, name="project"),
    path(
        "<int:process_id>/projects/<int:project_id>/photo",
        proposals.project_photo,
        name="project_photo",
    ),
    path("<int:process_id>/propose/", proposals.proposal_new, name="propose"),
    path("<int:process_id>/review/", review.review_list, name="review"),
    path("<int:process_id>/review/<int:project_id>/", review.review_submit, name="review_submit"),
    path("<int:process_id>/vote/", voting.ballot, name="ballot"),
    path("<int:process_id>/vote/date-of-birth/", voting.birth_date, name="birth_date"),
    path("<int:process_id>/advance/", processes.process_advance, name="advance"),
    path("<int:process_id>/close-voting/", voting.voting_close, name="close_voting"),
    path("<int:process_id>/recount/", results.result_recount, name="recount"),
    path("<int:process_id>/results/", results.results, name="results"),
    path("<int:process_id>/delivery/", delivery.delivery, name="delivery"),
    path(
        "<int:process_id>/delivery/<int:project_id>/",
        delivery.delivery_update,
        name="delivery_update",
    ),
    path("<int:process_id>/export.pb", results.export, name="export"),
]
