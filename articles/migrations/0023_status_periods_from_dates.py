"""Every deal and bid of before gets the status periods its own dates tell
(announced, closed, submitted, resolved), the dates not known left empty:
articles.status_history.FILL_SQL, frozen here (tests compare the two)."""

from django.db import migrations

FILL_SQL = {
    "deal": "INSERT INTO articles_dealstatusperiod (deal_id, status, started_on, ended_on, is_current) SELECT d.id, 'announced', d.announced_on, CASE WHEN d.status = 'pending_approval' THEN NULL ELSE d.closed_on END, FALSE FROM articles_deal d WHERE d.status IN ('completed', 'abandoned', 'blocked', 'pending_approval') AND NOT EXISTS (SELECT 1 FROM articles_dealstatusperiod p WHERE p.deal_id = d.id) UNION ALL SELECT d.id, d.status, CASE WHEN d.status IN ('completed', 'abandoned', 'blocked') THEN d.closed_on WHEN d.status = 'pending_approval' THEN NULL ELSE d.announced_on END, NULL, TRUE FROM articles_deal d WHERE NOT EXISTS (SELECT 1 FROM articles_dealstatusperiod p WHERE p.deal_id = d.id)",
    "bid": "INSERT INTO articles_bidstatusperiod (bid_id, status, started_on, ended_on, is_current) SELECT b.id, 'submitted', b.submitted_on, b.resolved_on, FALSE FROM articles_bid b WHERE b.status IN ('rejected', 'withdrawn', 'lapsed', 'accepted', 'completed') AND NOT EXISTS (SELECT 1 FROM articles_bidstatusperiod p WHERE p.bid_id = b.id) UNION ALL SELECT b.id, b.status, CASE WHEN b.status IN ('rejected', 'withdrawn', 'lapsed', 'accepted', 'completed') THEN b.resolved_on ELSE b.submitted_on END, NULL, TRUE FROM articles_bid b WHERE NOT EXISTS (SELECT 1 FROM articles_bidstatusperiod p WHERE p.bid_id = b.id)",
}


def fill(apps, schema_editor):
    for statement in FILL_SQL.values():
        schema_editor.execute(statement, params=None)


def empty(apps, schema_editor):
    for model in ("DealStatusPeriod", "BidStatusPeriod"):
        apps.get_model("articles", model).objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_status_period_ranges_and_triggers"),
    ]

    operations = [
        migrations.RunPython(fill, empty),
    ]
