import pytest
from rest_framework.test import APIClient

from .factories import AdministratorFactory, CenterFactory, ExpertFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def center(db):
    return CenterFactory()


@pytest.fixture
def center_staff(center):
    return UserFactory(centers=[center])


@pytest.fixture
def expert(db):
    return ExpertFactory()


@pytest.fixture
def administrator(db):
    return AdministratorFactory()
