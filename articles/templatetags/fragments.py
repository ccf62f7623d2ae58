"""The fragments Jinja2 draws (articles.fragments), in Django's templates:
``{% load fragments %}``, then ``{% deal_rows object_list "table" %}`` or
``{% chart chart %}``, and on the deal list ``{% deal_filters %}``."""

from django import template

from articles import fragments

register = template.Library()
register.simple_tag(fragments.deal_rows, name="deal_rows")
register.simple_tag(fragments.chart, name="chart")
register.simple_tag(fragments.deal_filters, name="deal_filters", takes_context=True)
