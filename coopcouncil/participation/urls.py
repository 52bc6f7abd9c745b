from django.urls import path

from coopcouncil.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.process_new, name="process_new"),
    path("<int:process_id>/", views.process_detail, name="process"),
    path("<int:process_id>/edit/", views.process_edit, name="process_edit"),
    path("<int:process_id>/projects/<int:project_id>/", views.project_detail, name="project"),
    path(
        "<int:process_id>/projects/<int:project_id>/photo",
        views.project_photo,
        name="project_photo",
    ),
    path("<int:process_id>/propose/", views.proposal_new, name="propose"),
    path("<int:process_id>/review/", views.review_list, name="review"),
    path("<int:process_id>/review/<int:project_id>/", views.review_submit, name="review_submit"),
    path("<int:process_id>/vote/", views.ballot, name="ballot"),
    path("<int:process_id>/vote/date-of-birth/", views.birth_date, name="birth_date"),
    path("<int:process_id>/advance/", views.process_advance, name="advance"),
    path("<int:process_id>/close-voting/", views.voting_close, name="close_voting"),
    path("<int:process_id>/recount/", views.result_recount, name="recount"),
    path("<int:process_id>/results/", views.results, name="results"),
    path("<int:process_id>/delivery/", views.delivery, name="delivery"),
    path(
        "<int:process_id>/delivery/<int:project_id>/",
        views.delivery_update,
        name="delivery_update",
    ),
    path("<int:process_id>/export.pb", views.export, name="export"),
]
