"""Benchmark pages, included under /benchmarks/ by agora/web/urls.py (names in the web
namespace, prefixed "benchmarks", so the web error pages apply to them)."""

from django.urls import path

from .methods import methodology_index, methodology_page
from .questionnaire import questionnaire_page
from .readiness import assessment_list, assessment_page
from .results import benchmarks_home, compare_page, country_page, rankings

urlpatterns = [
    path("", benchmarks_home, name="benchmarks"),
    path("rankings", rankings, name="benchmarks-rankings"),
    path("country/<str:code>", country_page, name="benchmarks-country"),
    path("compare", compare_page, name="benchmarks-compare"),
    path("methodology", methodology_index, name="benchmarks-methodology-index"),
    path("methodology/<str:code>", methodology_page, name="benchmarks-methodology"),
    path("readiness", assessment_list, name="benchmarks-readiness"),
    path("readiness/questionnaire", questionnaire_page, name="benchmarks-questionnaire"),
    path("readiness/<str:assessment_id>", assessment_page, name="benchmarks-assessment"),
]
