from django.urls import path

from coopcouncil.democracy.views import (
    accountability,
    clerk,
    partnership_admin,
    programme_admin,
    public,
)

app_name = "democracy"
urlpatterns = [
    path("", public.index, name="index"),
    path("meetings.ics", public.borough_ical, name="borough_ical"),
    path("archive/", public.archive, name="archive"),
    path("districts/<slug:slug>/", public.partnership, name="partnership"),
    path("districts/<slug:slug>/meetings.ics", public.district_ical, name="district_ical"),
    path("districts/<slug:slug>/meetings/new/", clerk.meeting_new, name="meeting_new"),
    path("districts/<slug:slug>/manage/", partnership_admin.manage, name="partnership_manage"),
    path("districts/<slug:slug>/manage/members/", partnership_admin.member_add, name="member_add"),
    path(
        "districts/<slug:slug>/manage/members/<int:member_id>/end/",
        partnership_admin.member_end,
        name="member_end",
    ),
    path(
        "districts/<slug:slug>/manage/sub-groups/",
        partnership_admin.sub_group_add,
        name="sub_group_add",
    ),
    path("districts/<slug:slug>/surveys/new/", partnership_admin.pulse_new, name="pulse_new"),
    path("meetings/<int:pk>/", public.meeting, name="meeting"),
    path("meetings/<int:pk>/ask/", public.ask, name="ask"),
    path("meetings/<int:pk>/manage/", clerk.manage, name="manage"),
    path("meetings/<int:pk>/manage/<slug:action>/", clerk.manage_action, name="manage_action"),
    path(
        "meetings/<int:pk>/manage/<slug:action>/<int:target>/",
        clerk.manage_action,
        name="manage_target",
    ),
    path("decisions/<int:pk>/", public.decision, name="decision"),
    path("decisions/<int:pk>/sign/", public.sign, name="sign"),
    path("decisions/<int:pk>/outcome/", clerk.outcome, name="outcome"),
    path("clerk/", clerk.desk, name="desk"),
    path("me/", accountability.mine, name="mine"),
    path("me/report/", accountability.report_save, name="report_save"),
    path("councillors/", accountability.councillors, name="councillors"),
    path("councillors/<int:user_id>/<int:year>/", accountability.report, name="report"),
    path("local-leaders/", accountability.programme, name="programme"),
    path("local-leaders/manage/", programme_admin.years, name="programme_years"),
    path("local-leaders/years/<int:pk>/", programme_admin.year, name="programme_year"),
    path("local-leaders/years/<int:pk>/modules/", programme_admin.module_add, name="module_add"),
    path(
        "local-leaders/modules/<int:pk>/sessions/",
        programme_admin.session_add,
        name="session_add",
    ),
    path(
        "local-leaders/sessions/<int:pk>/attendance/",
        programme_admin.session_attendance,
        name="session_attendance",
    ),
    path("feedback/", accountability.feedback_list, name="feedback_list"),
    path("feedback/new/", programme_admin.feedback_new, name="feedback_new"),
    path("feedback/<int:pk>/", accountability.feedback, name="feedback"),
    path("pulse/<int:pk>/", accountability.pulse, name="pulse"),
]
