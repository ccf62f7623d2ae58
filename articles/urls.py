from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("deals/", views.DealListView.as_view(), name="deal_list"),
    path("deals/<slug:slug>/", views.deal_detail, name="deal_detail"),
    path("companies/", views.CompanyListView.as_view(), name="company_list"),
    path("suggest/companies/", views.company_suggestions, name="company_suggestions"),
    path("companies/<slug:slug>/", views.company_detail, name="company_detail"),
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("deadlines/", views.DeadlineListView.as_view(), name="deadline_list"),
]
