"""The public read API, /api/v1/ (issue 18): REST framework viewsets over the
archive's querysets and FilterSets, described by drf-spectacular."""
