"""URLs of the exports. Included before the web app's URLs: the patterns here need a file
extension (or are paths the web app does not use), so they never shadow a portal page."""

from django.urls import path, re_path

from .views.datajson import data_json
from .views.datapackage import dataset_datapackage
from .views.dcat import catalogue, catalogue_negotiated, dataset_rdf
from .views.feeds import country_feed, organization_feed, search_feed, site_feed
from .views.sitemap import sitemap, sitemap_part

RDF = r"(?P<extension>ttl|rdf|jsonld|nt)"

urlpatterns = [
    path("catalog", catalogue_negotiated, name="exports-catalogue"),
    re_path(rf"^catalog\.{RDF}$", catalogue, name="exports-catalogue-format"),
    re_path(rf"^dataset/(?P<name>[^/.]+)\.{RDF}$", dataset_rdf, name="exports-dataset-rdf"),
    path("dataset/<str:name>/datapackage.json", dataset_datapackage, name="exports-datapackage"),
    path("data.json", data_json, name="exports-data-json"),
    path("feeds/datasets.atom", site_feed, name="exports-feed"),
    path("feeds/organization/<str:name>.atom", organization_feed, name="exports-feed-org"),
    path("feeds/country/<str:code>.atom", country_feed, name="exports-feed-country"),
    path("feeds/search.atom", search_feed, name="exports-feed-search"),
    path("sitemap.xml", sitemap, name="exports-sitemap"),
    path("sitemap-<int:number>.xml", sitemap_part, name="exports-sitemap-part"),
]
