"""Sign in, sign out and password reset: Django's auth views with the portal's templates."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

TEMPLATES = "web/workspace/auth/"

urlpatterns = [
    path(
        "user/login",
        auth_views.LoginView.as_view(
            template_name=TEMPLATES + "login.html",
            next_page=reverse_lazy("web:workspace"),
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path(
        "user/logout",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("web:home")),
        name="logout",
    ),
    path(
        "user/reset",
        auth_views.PasswordResetView.as_view(
            template_name=TEMPLATES + "password_reset.html",
            email_template_name=TEMPLATES + "password_reset_email.txt",
            subject_template_name=TEMPLATES + "password_reset_subject.txt",
            success_url=reverse_lazy("web:password-reset-sent"),
        ),
        name="password-reset",
    ),
    path(
        "user/reset/sent",
        auth_views.PasswordResetDoneView.as_view(
            template_name=TEMPLATES + "password_reset_sent.html"
        ),
        name="password-reset-sent",
    ),
    path(
        "user/reset/<uidb64>/<token>",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=TEMPLATES + "password_reset_confirm.html",
            success_url=reverse_lazy("web:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "user/reset/done",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=TEMPLATES + "password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
]
