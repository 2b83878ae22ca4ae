"""Factories for users and memberships."""

from __future__ import annotations

import factory

from agora.accounts.models import ApiToken, Membership, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    fullname = factory.LazyAttribute(lambda u: u.username.title())
    password = factory.django.Password("correct horse battery")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = "member"


__all__ = ["ApiToken", "MembershipFactory", "UserFactory"]
