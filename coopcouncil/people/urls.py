from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from coopcouncil.people import forms, views
from coopcouncil.people.views import api_keys, register, two_factor

app_name = "people"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("verify/<str:uidb64>/<str:token>/", views.verify_email, name="verify_email"),
    path("verify/resend/", views.resend_verification, name="resend_verification"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="people/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=forms.PasswordResetForm,
            template_name="people/password_reset.html",
            email_template_name="people/password_reset_email.txt",
            success_url=reverse_lazy("people:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="people/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="people/password_reset_confirm.html",
            success_url=reverse_lazy("people:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="people/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("profile/", views.profile, name="profile"),
    path("api-keys/", api_keys.api_key_list, name="api_keys"),
    path("api-keys/<int:key_id>/revoke/", api_keys.api_key_revoke, name="api_key_revoke"),
    path("two-factor/", two_factor.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/code/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("profile/residency/", views.residency_claim, name="residency_claim"),
    path("profile/residency/address/", views.residency_address, name="residency_address"),
    path("profile/residency/code/", views.residency_code, name="residency_code"),
    path("profile/residency/register/", register.residency_register, name="residency_register"),
    path("profile/export/", views.export_my_data, name="export"),
    path("profile/erase/", views.erase_my_account, name="erase"),
    path("residency/queue/", views.residency_queue, name="residency_queue"),
    path("residency/<int:pk>/verify/", views.residency_verify, name="residency_verify"),
    path("residency/<int:pk>/ward/", views.residency_ward, name="residency_ward"),
    path("residency/letters/", views.residency_letters, name="residency_letters"),
    path("residency/register/", register.register_extracts, name="register_extracts"),
    path("residency/register/reviews/", register.register_reviews, name="register_reviews"),
    path(
        "residency/register/reviews/<int:pk>/verify/",
        register.register_review_verify,
        name="register_review_verify",
    ),
    path(
        "residency/register/reviews/<int:pk>/refuse/",
        register.register_review_refuse,
        name="register_review_refuse",
    ),
]
