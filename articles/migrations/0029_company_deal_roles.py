"""Each company's deals by its role in them (CompanyDealRole): the table,
then the triggers of the four tables it is derived from
(articles.tallies.COMPANY_DEALS), which derive the rows of every deal held."""

from django.db import migrations, models

# The SQL of articles.tallies.COMPANY_DEALS when this migration was written,
# frozen here so that what it builds never changes with that module
# (tests/test_migrations.py compares them).
COMPANY_DEALS = {
    "create": [
        "CREATE FUNCTION articles_company_deal_role_refresh(ids bigint[]) RETURNS void "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM 1 FROM articles_deal WHERE id IN (SELECT "
        "unnest(ids)) ORDER BY id FOR NO KEY UPDATE; DELETE FROM articles_companydealrole "
        "WHERE deal_id IN (SELECT unnest(ids)); INSERT INTO articles_companydealrole "
        "(company_id, role, deal_id, status, deal_type, countries, year, reviews) SELECT "
        "DISTINCT p.company_id, p.role, d.id, d.status, d.deal_type, d.countries, "
        "coalesce(extract(year FROM d.announced_on)::int, 0), coalesce(v.reviews, 0) FROM "
        "articles_deal AS d JOIN (SELECT id, target_id, 'target' FROM articles_deal WHERE "
        "target_id IS NOT NULL AND id IN (SELECT unnest(ids)) UNION ALL SELECT id, seller_id, "
        "'seller' FROM articles_deal WHERE seller_id IS NOT NULL AND id IN (SELECT "
        "unnest(ids)) UNION ALL SELECT b.deal_id, bb.company_id, 'bidder' FROM articles_bid AS "
        "b JOIN articles_bid_bidders AS bb ON bb.bid_id = b.id WHERE b.deal_id IN (SELECT "
        "unnest(ids))) AS p (deal_id, company_id, role) ON p.deal_id = d.id LEFT JOIN (SELECT "
        "deal_id, count(*) FROM articles_review WHERE deal_id IN (SELECT unnest(ids)) GROUP BY "
        "deal_id) AS v (deal_id, reviews) ON v.deal_id = d.id WHERE d.id IN (SELECT "
        "unnest(ids)); END $$;",
        "CREATE FUNCTION articles_company_deal_role_deal_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.id FROM "
        "new_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_deal_insert AFTER INSERT ON articles_deal "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_deal_insert();",
        "CREATE FUNCTION articles_company_deal_role_deal_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.id FROM "
        "(SELECT id, target_id, seller_id, status, deal_type, countries, announced_on FROM "
        "old_rows EXCEPT SELECT id, target_id, seller_id, status, deal_type, countries, "
        "announced_on FROM new_rows) AS r UNION SELECT r.id FROM (SELECT id, target_id, "
        "seller_id, status, deal_type, countries, announced_on FROM new_rows EXCEPT SELECT id, "
        "target_id, seller_id, status, deal_type, countries, announced_on FROM old_rows) AS "
        "r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_deal_update AFTER UPDATE ON articles_deal "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_company_deal_role_deal_update();",
        "CREATE FUNCTION articles_company_deal_role_deal_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.id FROM "
        "old_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_deal_delete AFTER DELETE ON articles_deal "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_deal_delete();",
        "CREATE FUNCTION articles_company_deal_role_deal_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_companydealrole; PERFORM "
        "articles_company_deal_role_refresh(array(SELECT id FROM articles_deal)); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_company_deal_role_deal_truncate AFTER TRUNCATE ON "
        "articles_deal FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_deal_truncate();",
        "CREATE FUNCTION articles_company_deal_role_bid_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.deal_id "
        "FROM new_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_bid_insert AFTER INSERT ON articles_bid "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_bid_insert();",
        "CREATE FUNCTION articles_company_deal_role_bid_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.deal_id "
        "FROM (SELECT id, deal_id FROM old_rows EXCEPT SELECT id, deal_id FROM new_rows) AS r "
        "UNION SELECT r.deal_id FROM (SELECT id, deal_id FROM new_rows EXCEPT SELECT id, "
        "deal_id FROM old_rows) AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_bid_update AFTER UPDATE ON articles_bid "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_company_deal_role_bid_update();",
        "CREATE FUNCTION articles_company_deal_role_bid_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.deal_id "
        "FROM old_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_bid_delete AFTER DELETE ON articles_bid "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_bid_delete();",
        "CREATE FUNCTION articles_company_deal_role_bid_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_companydealrole; PERFORM "
        "articles_company_deal_role_refresh(array(SELECT id FROM articles_deal)); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_company_deal_role_bid_truncate AFTER TRUNCATE ON articles_bid "
        "FOR EACH STATEMENT EXECUTE FUNCTION articles_company_deal_role_bid_truncate();",
        "CREATE FUNCTION articles_company_deal_role_bid_bidders_insert() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT "
        "b.deal_id FROM new_rows AS r JOIN articles_bid AS b ON b.id = r.bid_id)); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_bid_bidders_insert AFTER INSERT ON "
        "articles_bid_bidders REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_company_deal_role_bid_bidders_insert();",
        "CREATE FUNCTION articles_company_deal_role_bid_bidders_update() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT "
        "b.deal_id FROM (SELECT bid_id, company_id FROM old_rows EXCEPT SELECT bid_id, "
        "company_id FROM new_rows) AS r JOIN articles_bid AS b ON b.id = r.bid_id UNION SELECT "
        "b.deal_id FROM (SELECT bid_id, company_id FROM new_rows EXCEPT SELECT bid_id, "
        "company_id FROM old_rows) AS r JOIN articles_bid AS b ON b.id = r.bid_id)); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_bid_bidders_update AFTER UPDATE ON "
        "articles_bid_bidders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_company_deal_role_bid_bidders_update();",
        "CREATE FUNCTION articles_company_deal_role_bid_bidders_delete() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT "
        "b.deal_id FROM old_rows AS r JOIN articles_bid AS b ON b.id = r.bid_id)); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_bid_bidders_delete AFTER DELETE ON "
        "articles_bid_bidders REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_company_deal_role_bid_bidders_delete();",
        "CREATE FUNCTION articles_company_deal_role_bid_bidders_truncate() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN DELETE FROM articles_companydealrole; PERFORM "
        "articles_company_deal_role_refresh(array(SELECT id FROM articles_deal)); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_company_deal_role_bid_bidders_truncate AFTER TRUNCATE ON "
        "articles_bid_bidders FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_bid_bidders_truncate();",
        "CREATE FUNCTION articles_company_deal_role_review_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.deal_id "
        "FROM new_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_review_insert AFTER INSERT ON "
        "articles_review REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_review_insert();",
        "CREATE FUNCTION articles_company_deal_role_review_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.deal_id "
        "FROM (SELECT id, deal_id FROM old_rows EXCEPT SELECT id, deal_id FROM new_rows) AS r "
        "UNION SELECT r.deal_id FROM (SELECT id, deal_id FROM new_rows EXCEPT SELECT id, "
        "deal_id FROM old_rows) AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_review_update AFTER UPDATE ON "
        "articles_review REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_company_deal_role_review_update();",
        "CREATE FUNCTION articles_company_deal_role_review_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_company_deal_role_refresh(array(SELECT r.deal_id "
        "FROM old_rows AS r)); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_company_deal_role_review_delete AFTER DELETE ON "
        "articles_review REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_review_delete();",
        "CREATE FUNCTION articles_company_deal_role_review_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN DELETE FROM articles_companydealrole; PERFORM "
        "articles_company_deal_role_refresh(array(SELECT id FROM articles_deal)); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_company_deal_role_review_truncate AFTER TRUNCATE ON "
        "articles_review FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_company_deal_role_review_truncate();",
        "SELECT articles_company_deal_role_refresh(array(SELECT id FROM articles_deal));",
    ],
    "drop": [
        "DROP TRIGGER articles_company_deal_role_deal_insert ON articles_deal;",
        "DROP FUNCTION articles_company_deal_role_deal_insert();",
        "DROP TRIGGER articles_company_deal_role_deal_update ON articles_deal;",
        "DROP FUNCTION articles_company_deal_role_deal_update();",
        "DROP TRIGGER articles_company_deal_role_deal_delete ON articles_deal;",
        "DROP FUNCTION articles_company_deal_role_deal_delete();",
        "DROP TRIGGER articles_company_deal_role_deal_truncate ON articles_deal;",
        "DROP FUNCTION articles_company_deal_role_deal_truncate();",
        "DROP TRIGGER articles_company_deal_role_bid_insert ON articles_bid;",
        "DROP FUNCTION articles_company_deal_role_bid_insert();",
        "DROP TRIGGER articles_company_deal_role_bid_update ON articles_bid;",
        "DROP FUNCTION articles_company_deal_role_bid_update();",
        "DROP TRIGGER articles_company_deal_role_bid_delete ON articles_bid;",
        "DROP FUNCTION articles_company_deal_role_bid_delete();",
        "DROP TRIGGER articles_company_deal_role_bid_truncate ON articles_bid;",
        "DROP FUNCTION articles_company_deal_role_bid_truncate();",
        "DROP TRIGGER articles_company_deal_role_bid_bidders_insert ON articles_bid_bidders;",
        "DROP FUNCTION articles_company_deal_role_bid_bidders_insert();",
        "DROP TRIGGER articles_company_deal_role_bid_bidders_update ON articles_bid_bidders;",
        "DROP FUNCTION articles_company_deal_role_bid_bidders_update();",
        "DROP TRIGGER articles_company_deal_role_bid_bidders_delete ON articles_bid_bidders;",
        "DROP FUNCTION articles_company_deal_role_bid_bidders_delete();",
        "DROP TRIGGER articles_company_deal_role_bid_bidders_truncate ON articles_bid_bidders;",
        "DROP FUNCTION articles_company_deal_role_bid_bidders_truncate();",
        "DROP TRIGGER articles_company_deal_role_review_insert ON articles_review;",
        "DROP FUNCTION articles_company_deal_role_review_insert();",
        "DROP TRIGGER articles_company_deal_role_review_update ON articles_review;",
        "DROP FUNCTION articles_company_deal_role_review_update();",
        "DROP TRIGGER articles_company_deal_role_review_delete ON articles_review;",
        "DROP FUNCTION articles_company_deal_role_review_delete();",
        "DROP TRIGGER articles_company_deal_role_review_truncate ON articles_review;",
        "DROP FUNCTION articles_company_deal_role_review_truncate();",
        "DROP FUNCTION articles_company_deal_role_refresh(bigint[]);",
    ],
}


def _execute(schema_editor, statements):
    # PostgreSQL's; elsewhere the table stays empty and unread.
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create(apps, schema_editor):
    _execute(schema_editor, COMPANY_DEALS["create"])


def drop(apps, schema_editor):
    _execute(schema_editor, COMPANY_DEALS["drop"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0028_deal_review_spans"),
    ]

    operations = [
        migrations.CreateModel(
            name="CompanyDealRole",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("company_id", models.BigIntegerField()),
                (
                    "role",
                    models.CharField(max_length=6),
                ),
                ("deal_id", models.BigIntegerField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("rumoured", "Rumoured"),
                            ("in_talks", "In talks"),
                            ("announced", "Announced"),
                            ("pending_approval", "Pending approval"),
                            ("completed", "Completed"),
                            ("abandoned", "Abandoned"),
                            ("blocked", "Blocked"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "deal_type",
                    models.CharField(
                        choices=[
                            ("acquisition", "Acquisition"),
                            ("merger", "Merger"),
                            ("divestiture", "Divestiture"),
                            ("forced_sale", "Forced sale"),
                            ("minority_stake", "Minority stake"),
                            ("partnership", "Partnership"),
                            ("joint_venture", "Joint venture"),
                        ],
                        max_length=20,
                    ),
                ),
                ("countries", models.TextField(blank=True)),
                ("year", models.IntegerField(default=0)),
                ("reviews", models.IntegerField()),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["company_id", "role", "deal_id"], name="company_deal_role_idx"
                    ),
                    models.Index(fields=["deal_id"], name="company_deal_role_deal_idx"),
                ],
            },
        ),
        migrations.RunPython(create, drop),
    ]
