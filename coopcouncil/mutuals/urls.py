from django.urls import path, re_path

from coopcouncil.mutuals.views import ballots, register, shares, spinouts

app_name = "mutuals"
urlpatterns = [
    path("", register.index, name="index"),
    path("register.json", register.register_json, name="register_json"),
    path("new/", register.create, name="create"),
    path("ballots/<int:ballot_id>/", ballots.ballot_detail, name="ballot"),
    path("ballots/<int:ballot_id>/vote/", ballots.ballot_vote, name="ballot_vote"),
    path("elections/<int:election_id>/", ballots.election_detail, name="election"),
    path("elections/<int:election_id>/vote/", ballots.election_vote, name="election_vote"),
    path("elections/<int:election_id>/count/", ballots.election_count, name="election_count"),
    path("elections/<int:election_id>/import/", ballots.election_import, name="election_import"),
    re_path(
        r"^elections/(?P<election_id>\d+)/ballots\.(?P<file_format>blt|csv)$",
        ballots.election_ballots,
        name="election_ballots",
    ),
    path("shares/<int:offer_id>/", shares.offer_detail, name="offer"),
    path("shares/<int:offer_id>/apply/", shares.offer_apply, name="offer_apply"),
    path("shares/<int:offer_id>/allocate/", shares.offer_allocate, name="offer_allocate"),
    path("shares/<int:offer_id>/interest/", shares.offer_interest, name="offer_interest"),
    path("spin-outs/", spinouts.spin_out_list, name="spin_outs"),
    path("spin-outs/<int:spin_out_id>/", spinouts.spin_out_detail, name="spin_out"),
    path("spin-outs/<int:spin_out_id>/<slug:name>/", spinouts.stage_update, name="spin_out_stage"),
    path("papers/<int:paper_id>/", register.paper_download, name="paper"),
    path("<slug:slug>/", register.detail, name="detail"),
    path("<slug:slug>/manage/", register.manage, name="manage"),
    path("<slug:slug>/classes/", register.class_add, name="class_add"),
    path("<slug:slug>/members/", register.member_add, name="member_add"),
    path("<slug:slug>/members/import/", register.members_import, name="members_import"),
    path("<slug:slug>/members/recheck/", register.members_recheck, name="members_recheck"),
    path("<slug:slug>/constituencies/", register.constituency_add, name="constituency_add"),
    path("<slug:slug>/board/", register.board_seat_add, name="board_seat_add"),
    path("<slug:slug>/papers/", register.paper_add, name="paper_add"),
    path("<slug:slug>/services/<int:service_id>/", register.service_link, name="service_link"),
    path("<slug:slug>/ballots/", ballots.ballot_create, name="ballot_create"),
    path("<slug:slug>/elections/", ballots.election_create, name="election_create"),
    path("<slug:slug>/shares/", shares.offer_create, name="offer_create"),
]
