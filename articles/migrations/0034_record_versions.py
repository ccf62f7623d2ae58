"""Each deal's and company's own version (RecordVersion): the table, then
the triggers of every curated table that move it
(articles.record_versions)."""

from django.db import migrations, models

# The SQL of articles.record_versions when this migration was written,
# frozen here so that what it builds never changes with that module
# (tests/test_migrations.py compares them).
RECORD_VERSIONS = {
    "create": [
        "CREATE SEQUENCE articles_record_version;",
        "CREATE FUNCTION articles_record_touch(deals bigint[], companies bigint[], wide "
        "boolean) RETURNS void LANGUAGE plpgsql AS $$ DECLARE drawn bigint := "
        "nextval('articles_record_version'); BEGIN IF cardinality(deals) > 1000 OR "
        "cardinality(companies) > 1000 THEN deals := '{}'; companies := '{}'; wide := true; "
        "END IF; WITH touched_deals AS (SELECT DISTINCT id FROM unnest(deals) AS d (id)) "
        "INSERT INTO articles_recordversion AS kept (kind, record_id, version) SELECT kind, "
        "id, drawn FROM (SELECT 'deal', id FROM touched_deals UNION SELECT 'company', party "
        "FROM (SELECT unnest(companies) UNION ALL SELECT d.target_id FROM articles_deal AS d "
        "JOIN touched_deals AS t ON t.id = d.id UNION ALL SELECT d.seller_id FROM "
        "articles_deal AS d JOIN touched_deals AS t ON t.id = d.id UNION ALL SELECT "
        "bb.company_id FROM touched_deals AS t JOIN articles_bid AS b ON b.deal_id = t.id JOIN "
        "articles_bid_bidders AS bb ON bb.bid_id = b.id) AS parties (party) UNION SELECT "
        "'wide', 0 WHERE wide) AS touched (kind, id) WHERE id IS NOT NULL ORDER BY kind, id ON "
        "CONFLICT (kind, record_id) DO UPDATE SET version = EXCLUDED.version; END $$;",
        "CREATE FUNCTION articles_record_deal_insert() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM articles_record_touch(array(SELECT r.id FROM new_rows AS r), "
        "array(SELECT r.target_id FROM new_rows AS r UNION ALL SELECT r.seller_id FROM "
        "new_rows AS r), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deal_insert AFTER INSERT ON articles_deal REFERENCING "
        "NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_deal_insert();",
        "CREATE FUNCTION articles_record_deal_update() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM articles_record_touch(array(SELECT r.id FROM old_rows AS r UNION ALL "
        "SELECT r.id FROM new_rows AS r), array(SELECT r.target_id FROM old_rows AS r UNION "
        "ALL SELECT r.seller_id FROM old_rows AS r UNION ALL SELECT r.target_id FROM new_rows "
        "AS r UNION ALL SELECT r.seller_id FROM new_rows AS r), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deal_update AFTER UPDATE ON articles_deal REFERENCING "
        "OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_deal_update();",
        "CREATE FUNCTION articles_record_deal_delete() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM articles_record_touch(array(SELECT r.id FROM old_rows AS r), "
        "array(SELECT r.target_id FROM old_rows AS r UNION ALL SELECT r.seller_id FROM "
        "old_rows AS r), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deal_delete AFTER DELETE ON articles_deal REFERENCING "
        "OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_deal_delete();",
        "CREATE FUNCTION articles_record_deal_truncate() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_record_deal_truncate AFTER TRUNCATE ON articles_deal FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_record_deal_truncate();",
        "CREATE FUNCTION articles_record_bid_insert() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM new_rows AS r), "
        "'{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bid_insert AFTER INSERT ON articles_bid REFERENCING "
        "NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_bid_insert();",
        "CREATE FUNCTION articles_record_bid_update() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM old_rows AS r UNION "
        "ALL SELECT r.deal_id FROM new_rows AS r), '{}'::bigint[], false); RETURN NULL; END "
        "$$;",
        "CREATE TRIGGER articles_record_bid_update AFTER UPDATE ON articles_bid REFERENCING "
        "OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_bid_update();",
        "CREATE FUNCTION articles_record_bid_delete() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM old_rows AS r), "
        "'{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bid_delete AFTER DELETE ON articles_bid REFERENCING "
        "OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_bid_delete();",
        "CREATE FUNCTION articles_record_bid_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_record_bid_truncate AFTER TRUNCATE ON articles_bid FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_record_bid_truncate();",
        "CREATE FUNCTION articles_record_bid_bidders_insert() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM new_rows AS r "
        "JOIN articles_bid AS p ON p.id = r.bid_id), array(SELECT r.company_id FROM new_rows "
        "AS r), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bid_bidders_insert AFTER INSERT ON "
        "articles_bid_bidders REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_bid_bidders_insert();",
        "CREATE FUNCTION articles_record_bid_bidders_update() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM old_rows AS r "
        "JOIN articles_bid AS p ON p.id = r.bid_id UNION ALL SELECT p.deal_id FROM new_rows AS "
        "r JOIN articles_bid AS p ON p.id = r.bid_id), array(SELECT r.company_id FROM old_rows "
        "AS r UNION ALL SELECT r.company_id FROM new_rows AS r), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bid_bidders_update AFTER UPDATE ON "
        "articles_bid_bidders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_record_bid_bidders_update();",
        "CREATE FUNCTION articles_record_bid_bidders_delete() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM old_rows AS r "
        "JOIN articles_bid AS p ON p.id = r.bid_id), array(SELECT r.company_id FROM old_rows "
        "AS r), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bid_bidders_delete AFTER DELETE ON "
        "articles_bid_bidders REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_bid_bidders_delete();",
        "CREATE FUNCTION articles_record_bid_bidders_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bid_bidders_truncate AFTER TRUNCATE ON "
        "articles_bid_bidders FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_bid_bidders_truncate();",
        "CREATE FUNCTION articles_record_bid_sources_insert() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM new_rows AS r "
        "JOIN articles_bid AS p ON p.id = r.bid_id), '{}'::bigint[], false); RETURN NULL; END "
        "$$;",
        "CREATE TRIGGER articles_record_bid_sources_insert AFTER INSERT ON "
        "articles_bid_sources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_bid_sources_insert();",
        "CREATE FUNCTION articles_record_bid_sources_update() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM old_rows AS r "
        "JOIN articles_bid AS p ON p.id = r.bid_id UNION ALL SELECT p.deal_id FROM new_rows AS "
        "r JOIN articles_bid AS p ON p.id = r.bid_id), '{}'::bigint[], false); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_record_bid_sources_update AFTER UPDATE ON "
        "articles_bid_sources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH "
        "STATEMENT EXECUTE FUNCTION articles_record_bid_sources_update();",
        "CREATE FUNCTION articles_record_bid_sources_delete() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM old_rows AS r "
        "JOIN articles_bid AS p ON p.id = r.bid_id), '{}'::bigint[], false); RETURN NULL; END "
        "$$;",
        "CREATE TRIGGER articles_record_bid_sources_delete AFTER DELETE ON "
        "articles_bid_sources REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_bid_sources_delete();",
        "CREATE FUNCTION articles_record_bid_sources_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bid_sources_truncate AFTER TRUNCATE ON "
        "articles_bid_sources FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_bid_sources_truncate();",
        "CREATE FUNCTION articles_record_bidstatusperiod_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_bid AS p ON p.id = r.bid_id), '{}'::bigint[], false); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bidstatusperiod_insert AFTER INSERT ON "
        "articles_bidstatusperiod REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_bidstatusperiod_insert();",
        "CREATE FUNCTION articles_record_bidstatusperiod_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_bid AS p ON p.id = r.bid_id UNION ALL SELECT p.deal_id "
        "FROM new_rows AS r JOIN articles_bid AS p ON p.id = r.bid_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bidstatusperiod_update AFTER UPDATE ON "
        "articles_bidstatusperiod REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_record_bidstatusperiod_update();",
        "CREATE FUNCTION articles_record_bidstatusperiod_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_bid AS p ON p.id = r.bid_id), '{}'::bigint[], false); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bidstatusperiod_delete AFTER DELETE ON "
        "articles_bidstatusperiod REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_bidstatusperiod_delete();",
        "CREATE FUNCTION articles_record_bidstatusperiod_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_bidstatusperiod_truncate AFTER TRUNCATE ON "
        "articles_bidstatusperiod FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_bidstatusperiod_truncate();",
        "CREATE FUNCTION articles_record_deadline_insert() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM new_rows AS r "
        "UNION ALL SELECT p.deal_id FROM new_rows AS r JOIN articles_review AS p ON p.id = "
        "r.review_id), '{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deadline_insert AFTER INSERT ON articles_deadline "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_deadline_insert();",
        "CREATE FUNCTION articles_record_deadline_update() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM old_rows AS r "
        "UNION ALL SELECT p.deal_id FROM old_rows AS r JOIN articles_review AS p ON p.id = "
        "r.review_id UNION ALL SELECT r.deal_id FROM new_rows AS r UNION ALL SELECT p.deal_id "
        "FROM new_rows AS r JOIN articles_review AS p ON p.id = r.review_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deadline_update AFTER UPDATE ON articles_deadline "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_deadline_update();",
        "CREATE FUNCTION articles_record_deadline_delete() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM old_rows AS r "
        "UNION ALL SELECT p.deal_id FROM old_rows AS r JOIN articles_review AS p ON p.id = "
        "r.review_id), '{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deadline_delete AFTER DELETE ON articles_deadline "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_deadline_delete();",
        "CREATE FUNCTION articles_record_deadline_truncate() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deadline_truncate AFTER TRUNCATE ON articles_deadline "
        "FOR EACH STATEMENT EXECUTE FUNCTION articles_record_deadline_truncate();",
        "CREATE FUNCTION articles_record_deadline_sources_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_deadline AS p ON p.id = r.deadline_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deadline_sources_insert AFTER INSERT ON "
        "articles_deadline_sources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_deadline_sources_insert();",
        "CREATE FUNCTION articles_record_deadline_sources_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_deadline AS p ON p.id = r.deadline_id UNION ALL SELECT "
        "p.deal_id FROM new_rows AS r JOIN articles_deadline AS p ON p.id = r.deadline_id), "
        "'{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deadline_sources_update AFTER UPDATE ON "
        "articles_deadline_sources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_record_deadline_sources_update();",
        "CREATE FUNCTION articles_record_deadline_sources_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_deadline AS p ON p.id = r.deadline_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deadline_sources_delete AFTER DELETE ON "
        "articles_deadline_sources REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_deadline_sources_delete();",
        "CREATE FUNCTION articles_record_deadline_sources_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_deadline_sources_truncate AFTER TRUNCATE ON "
        "articles_deadline_sources FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_deadline_sources_truncate();",
        "CREATE FUNCTION articles_record_review_insert() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM new_rows AS r), "
        "'{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_review_insert AFTER INSERT ON articles_review "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_review_insert();",
        "CREATE FUNCTION articles_record_review_update() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM old_rows AS r "
        "UNION ALL SELECT r.deal_id FROM new_rows AS r), '{}'::bigint[], false); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_record_review_update AFTER UPDATE ON articles_review "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_review_update();",
        "CREATE FUNCTION articles_record_review_delete() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM old_rows AS r), "
        "'{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_review_delete AFTER DELETE ON articles_review "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_review_delete();",
        "CREATE FUNCTION articles_record_review_truncate() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_record_review_truncate AFTER TRUNCATE ON articles_review FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_record_review_truncate();",
        "CREATE FUNCTION articles_record_review_sources_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_review AS p ON p.id = r.review_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_review_sources_insert AFTER INSERT ON "
        "articles_review_sources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_review_sources_insert();",
        "CREATE FUNCTION articles_record_review_sources_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_review AS p ON p.id = r.review_id UNION ALL SELECT "
        "p.deal_id FROM new_rows AS r JOIN articles_review AS p ON p.id = r.review_id), "
        "'{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_review_sources_update AFTER UPDATE ON "
        "articles_review_sources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_record_review_sources_update();",
        "CREATE FUNCTION articles_record_review_sources_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_review AS p ON p.id = r.review_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_review_sources_delete AFTER DELETE ON "
        "articles_review_sources REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_review_sources_delete();",
        "CREATE FUNCTION articles_record_review_sources_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_review_sources_truncate AFTER TRUNCATE ON "
        "articles_review_sources FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_review_sources_truncate();",
        "CREATE FUNCTION articles_record_reviewsuspension_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_review AS p ON p.id = r.review_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_reviewsuspension_insert AFTER INSERT ON "
        "articles_reviewsuspension REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_reviewsuspension_insert();",
        "CREATE FUNCTION articles_record_reviewsuspension_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_review AS p ON p.id = r.review_id UNION ALL SELECT "
        "p.deal_id FROM new_rows AS r JOIN articles_review AS p ON p.id = r.review_id), "
        "'{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_reviewsuspension_update AFTER UPDATE ON "
        "articles_reviewsuspension REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_record_reviewsuspension_update();",
        "CREATE FUNCTION articles_record_reviewsuspension_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_review AS p ON p.id = r.review_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_reviewsuspension_delete AFTER DELETE ON "
        "articles_reviewsuspension REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_reviewsuspension_delete();",
        "CREATE FUNCTION articles_record_reviewsuspension_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_reviewsuspension_truncate AFTER TRUNCATE ON "
        "articles_reviewsuspension FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_reviewsuspension_truncate();",
        "CREATE FUNCTION articles_record_reviewstatusperiod_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_review AS p ON p.id = r.review_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_reviewstatusperiod_insert AFTER INSERT ON "
        "articles_reviewstatusperiod REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_reviewstatusperiod_insert();",
        "CREATE FUNCTION articles_record_reviewstatusperiod_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_review AS p ON p.id = r.review_id UNION ALL SELECT "
        "p.deal_id FROM new_rows AS r JOIN articles_review AS p ON p.id = r.review_id), "
        "'{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_reviewstatusperiod_update AFTER UPDATE ON "
        "articles_reviewstatusperiod REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION articles_record_reviewstatusperiod_update();",
        "CREATE FUNCTION articles_record_reviewstatusperiod_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_review AS p ON p.id = r.review_id), '{}'::bigint[], "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_reviewstatusperiod_delete AFTER DELETE ON "
        "articles_reviewstatusperiod REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_reviewstatusperiod_delete();",
        "CREATE FUNCTION articles_record_reviewstatusperiod_truncate() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], "
        "'{}'::bigint[], true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_reviewstatusperiod_truncate AFTER TRUNCATE ON "
        "articles_reviewstatusperiod FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_reviewstatusperiod_truncate();",
        "CREATE FUNCTION articles_record_dealstatusperiod_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM "
        "new_rows AS r), '{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_dealstatusperiod_insert AFTER INSERT ON "
        "articles_dealstatusperiod REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_dealstatusperiod_insert();",
        "CREATE FUNCTION articles_record_dealstatusperiod_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM "
        "old_rows AS r UNION ALL SELECT r.deal_id FROM new_rows AS r), '{}'::bigint[], false); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_dealstatusperiod_update AFTER UPDATE ON "
        "articles_dealstatusperiod REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_record_dealstatusperiod_update();",
        "CREATE FUNCTION articles_record_dealstatusperiod_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM "
        "old_rows AS r), '{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_dealstatusperiod_delete AFTER DELETE ON "
        "articles_dealstatusperiod REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_dealstatusperiod_delete();",
        "CREATE FUNCTION articles_record_dealstatusperiod_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_dealstatusperiod_truncate AFTER TRUNCATE ON "
        "articles_dealstatusperiod FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_dealstatusperiod_truncate();",
        "CREATE FUNCTION articles_record_article_deals_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM "
        "new_rows AS r), '{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_deals_insert AFTER INSERT ON "
        "articles_article_deals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_article_deals_insert();",
        "CREATE FUNCTION articles_record_article_deals_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM "
        "old_rows AS r UNION ALL SELECT r.deal_id FROM new_rows AS r), '{}'::bigint[], false); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_deals_update AFTER UPDATE ON "
        "articles_article_deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_record_article_deals_update();",
        "CREATE FUNCTION articles_record_article_deals_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch(array(SELECT r.deal_id FROM "
        "old_rows AS r), '{}'::bigint[], false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_deals_delete AFTER DELETE ON "
        "articles_article_deals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_article_deals_delete();",
        "CREATE FUNCTION articles_record_article_deals_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_deals_truncate AFTER TRUNCATE ON "
        "articles_article_deals FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_article_deals_truncate();",
        "CREATE FUNCTION articles_record_article_companies_insert() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], array(SELECT "
        "r.company_id FROM new_rows AS r), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_companies_insert AFTER INSERT ON "
        "articles_article_companies REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_article_companies_insert();",
        "CREATE FUNCTION articles_record_article_companies_update() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], array(SELECT "
        "r.company_id FROM old_rows AS r UNION ALL SELECT r.company_id FROM new_rows AS r), "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_companies_update AFTER UPDATE ON "
        "articles_article_companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION articles_record_article_companies_update();",
        "CREATE FUNCTION articles_record_article_companies_delete() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], array(SELECT "
        "r.company_id FROM old_rows AS r), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_companies_delete AFTER DELETE ON "
        "articles_article_companies REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION articles_record_article_companies_delete();",
        "CREATE FUNCTION articles_record_article_companies_truncate() RETURNS trigger LANGUAGE "
        "plpgsql AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], "
        "true); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_companies_truncate AFTER TRUNCATE ON "
        "articles_article_companies FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_article_companies_truncate();",
        "CREATE FUNCTION articles_record_article_insert() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT l.deal_id FROM new_rows AS r JOIN "
        "articles_article_deals AS l ON l.article_id = r.id UNION ALL SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_dealstatusperiod AS p ON p.source_id = r.id UNION ALL "
        "SELECT p.deal_id FROM new_rows AS r JOIN articles_bid_sources AS l ON l.article_id = "
        "r.id JOIN articles_bid AS p ON p.id = l.bid_id UNION ALL SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_deadline_sources AS l ON l.article_id = r.id JOIN "
        "articles_deadline AS p ON p.id = l.deadline_id UNION ALL SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_review_sources AS l ON l.article_id = r.id JOIN "
        "articles_review AS p ON p.id = l.review_id UNION ALL SELECT p.deal_id FROM new_rows "
        "AS r JOIN articles_bidstatusperiod AS l ON l.source_id = r.id JOIN articles_bid AS p "
        "ON p.id = l.bid_id UNION ALL SELECT p.deal_id FROM new_rows AS r JOIN "
        "articles_reviewstatusperiod AS l ON l.source_id = r.id JOIN articles_review AS p ON "
        "p.id = l.review_id), array(SELECT l.company_id FROM new_rows AS r JOIN "
        "articles_article_companies AS l ON l.article_id = r.id), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_insert AFTER INSERT ON articles_article "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_article_insert();",
        "CREATE FUNCTION articles_record_article_update() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT l.deal_id FROM old_rows AS r JOIN "
        "articles_article_deals AS l ON l.article_id = r.id UNION ALL SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_dealstatusperiod AS p ON p.source_id = r.id UNION ALL "
        "SELECT p.deal_id FROM old_rows AS r JOIN articles_bid_sources AS l ON l.article_id = "
        "r.id JOIN articles_bid AS p ON p.id = l.bid_id UNION ALL SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_deadline_sources AS l ON l.article_id = r.id JOIN "
        "articles_deadline AS p ON p.id = l.deadline_id UNION ALL SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_review_sources AS l ON l.article_id = r.id JOIN "
        "articles_review AS p ON p.id = l.review_id UNION ALL SELECT p.deal_id FROM old_rows "
        "AS r JOIN articles_bidstatusperiod AS l ON l.source_id = r.id JOIN articles_bid AS p "
        "ON p.id = l.bid_id UNION ALL SELECT p.deal_id FROM old_rows AS r JOIN "
        "articles_reviewstatusperiod AS l ON l.source_id = r.id JOIN articles_review AS p ON "
        "p.id = l.review_id UNION ALL SELECT l.deal_id FROM new_rows AS r JOIN "
        "articles_article_deals AS l ON l.article_id = r.id UNION ALL SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_dealstatusperiod AS p ON p.source_id = r.id UNION ALL "
        "SELECT p.deal_id FROM new_rows AS r JOIN articles_bid_sources AS l ON l.article_id = "
        "r.id JOIN articles_bid AS p ON p.id = l.bid_id UNION ALL SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_deadline_sources AS l ON l.article_id = r.id JOIN "
        "articles_deadline AS p ON p.id = l.deadline_id UNION ALL SELECT p.deal_id FROM "
        "new_rows AS r JOIN articles_review_sources AS l ON l.article_id = r.id JOIN "
        "articles_review AS p ON p.id = l.review_id UNION ALL SELECT p.deal_id FROM new_rows "
        "AS r JOIN articles_bidstatusperiod AS l ON l.source_id = r.id JOIN articles_bid AS p "
        "ON p.id = l.bid_id UNION ALL SELECT p.deal_id FROM new_rows AS r JOIN "
        "articles_reviewstatusperiod AS l ON l.source_id = r.id JOIN articles_review AS p ON "
        "p.id = l.review_id), array(SELECT l.company_id FROM old_rows AS r JOIN "
        "articles_article_companies AS l ON l.article_id = r.id UNION ALL SELECT l.company_id "
        "FROM new_rows AS r JOIN articles_article_companies AS l ON l.article_id = r.id), "
        "false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_update AFTER UPDATE ON articles_article "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_article_update();",
        "CREATE FUNCTION articles_record_article_delete() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch(array(SELECT l.deal_id FROM old_rows AS r JOIN "
        "articles_article_deals AS l ON l.article_id = r.id UNION ALL SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_dealstatusperiod AS p ON p.source_id = r.id UNION ALL "
        "SELECT p.deal_id FROM old_rows AS r JOIN articles_bid_sources AS l ON l.article_id = "
        "r.id JOIN articles_bid AS p ON p.id = l.bid_id UNION ALL SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_deadline_sources AS l ON l.article_id = r.id JOIN "
        "articles_deadline AS p ON p.id = l.deadline_id UNION ALL SELECT p.deal_id FROM "
        "old_rows AS r JOIN articles_review_sources AS l ON l.article_id = r.id JOIN "
        "articles_review AS p ON p.id = l.review_id UNION ALL SELECT p.deal_id FROM old_rows "
        "AS r JOIN articles_bidstatusperiod AS l ON l.source_id = r.id JOIN articles_bid AS p "
        "ON p.id = l.bid_id UNION ALL SELECT p.deal_id FROM old_rows AS r JOIN "
        "articles_reviewstatusperiod AS l ON l.source_id = r.id JOIN articles_review AS p ON "
        "p.id = l.review_id), array(SELECT l.company_id FROM old_rows AS r JOIN "
        "articles_article_companies AS l ON l.article_id = r.id), false); RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_delete AFTER DELETE ON articles_article "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_article_delete();",
        "CREATE FUNCTION articles_record_article_truncate() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_article_truncate AFTER TRUNCATE ON articles_article "
        "FOR EACH STATEMENT EXECUTE FUNCTION articles_record_article_truncate();",
        "CREATE FUNCTION articles_record_company_insert() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], array(SELECT r.id FROM "
        "new_rows AS r UNION ALL SELECT r.parent_id FROM new_rows AS r), false); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_record_company_insert AFTER INSERT ON articles_company "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_company_insert();",
        "CREATE FUNCTION articles_record_company_update() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], array(SELECT r.id FROM "
        "old_rows AS r UNION ALL SELECT r.parent_id FROM old_rows AS r UNION ALL SELECT r.id "
        "FROM new_rows AS r UNION ALL SELECT r.parent_id FROM new_rows AS r), EXISTS (SELECT "
        "name, slug, country FROM old_rows EXCEPT SELECT name, slug, country FROM new_rows)); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_company_update AFTER UPDATE ON articles_company "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_company_update();",
        "CREATE FUNCTION articles_record_company_delete() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], array(SELECT r.id FROM "
        "old_rows AS r UNION ALL SELECT r.parent_id FROM old_rows AS r), true); RETURN NULL; "
        "END $$;",
        "CREATE TRIGGER articles_record_company_delete AFTER DELETE ON articles_company "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_company_delete();",
        "CREATE FUNCTION articles_record_company_truncate() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_company_truncate AFTER TRUNCATE ON articles_company "
        "FOR EACH STATEMENT EXECUTE FUNCTION articles_record_company_truncate();",
        "CREATE FUNCTION articles_record_source_insert() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], false); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_record_source_insert AFTER INSERT ON articles_source "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_source_insert();",
        "CREATE FUNCTION articles_record_source_update() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_record_source_update AFTER UPDATE ON articles_source "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_source_update();",
        "CREATE FUNCTION articles_record_source_delete() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_record_source_delete AFTER DELETE ON articles_source "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_source_delete();",
        "CREATE FUNCTION articles_record_source_truncate() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); RETURN "
        "NULL; END $$;",
        "CREATE TRIGGER articles_record_source_truncate AFTER TRUNCATE ON articles_source FOR "
        "EACH STATEMENT EXECUTE FUNCTION articles_record_source_truncate();",
        "CREATE FUNCTION articles_record_authority_insert() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], false); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_authority_insert AFTER INSERT ON articles_authority "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_authority_insert();",
        "CREATE FUNCTION articles_record_authority_update() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_authority_update AFTER UPDATE ON articles_authority "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
        "FUNCTION articles_record_authority_update();",
        "CREATE FUNCTION articles_record_authority_delete() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_authority_delete AFTER DELETE ON articles_authority "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_authority_delete();",
        "CREATE FUNCTION articles_record_authority_truncate() RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN PERFORM articles_record_touch('{}'::bigint[], '{}'::bigint[], true); "
        "RETURN NULL; END $$;",
        "CREATE TRIGGER articles_record_authority_truncate AFTER TRUNCATE ON "
        "articles_authority FOR EACH STATEMENT EXECUTE FUNCTION "
        "articles_record_authority_truncate();",
    ],
    "drop": [
        "DROP TRIGGER articles_record_deal_insert ON articles_deal;",
        "DROP FUNCTION articles_record_deal_insert();",
        "DROP TRIGGER articles_record_deal_update ON articles_deal;",
        "DROP FUNCTION articles_record_deal_update();",
        "DROP TRIGGER articles_record_deal_delete ON articles_deal;",
        "DROP FUNCTION articles_record_deal_delete();",
        "DROP TRIGGER articles_record_deal_truncate ON articles_deal;",
        "DROP FUNCTION articles_record_deal_truncate();",
        "DROP TRIGGER articles_record_bid_insert ON articles_bid;",
        "DROP FUNCTION articles_record_bid_insert();",
        "DROP TRIGGER articles_record_bid_update ON articles_bid;",
        "DROP FUNCTION articles_record_bid_update();",
        "DROP TRIGGER articles_record_bid_delete ON articles_bid;",
        "DROP FUNCTION articles_record_bid_delete();",
        "DROP TRIGGER articles_record_bid_truncate ON articles_bid;",
        "DROP FUNCTION articles_record_bid_truncate();",
        "DROP TRIGGER articles_record_bid_bidders_insert ON articles_bid_bidders;",
        "DROP FUNCTION articles_record_bid_bidders_insert();",
        "DROP TRIGGER articles_record_bid_bidders_update ON articles_bid_bidders;",
        "DROP FUNCTION articles_record_bid_bidders_update();",
        "DROP TRIGGER articles_record_bid_bidders_delete ON articles_bid_bidders;",
        "DROP FUNCTION articles_record_bid_bidders_delete();",
        "DROP TRIGGER articles_record_bid_bidders_truncate ON articles_bid_bidders;",
        "DROP FUNCTION articles_record_bid_bidders_truncate();",
        "DROP TRIGGER articles_record_bid_sources_insert ON articles_bid_sources;",
        "DROP FUNCTION articles_record_bid_sources_insert();",
        "DROP TRIGGER articles_record_bid_sources_update ON articles_bid_sources;",
        "DROP FUNCTION articles_record_bid_sources_update();",
        "DROP TRIGGER articles_record_bid_sources_delete ON articles_bid_sources;",
        "DROP FUNCTION articles_record_bid_sources_delete();",
        "DROP TRIGGER articles_record_bid_sources_truncate ON articles_bid_sources;",
        "DROP FUNCTION articles_record_bid_sources_truncate();",
        "DROP TRIGGER articles_record_bidstatusperiod_insert ON articles_bidstatusperiod;",
        "DROP FUNCTION articles_record_bidstatusperiod_insert();",
        "DROP TRIGGER articles_record_bidstatusperiod_update ON articles_bidstatusperiod;",
        "DROP FUNCTION articles_record_bidstatusperiod_update();",
        "DROP TRIGGER articles_record_bidstatusperiod_delete ON articles_bidstatusperiod;",
        "DROP FUNCTION articles_record_bidstatusperiod_delete();",
        "DROP TRIGGER articles_record_bidstatusperiod_truncate ON articles_bidstatusperiod;",
        "DROP FUNCTION articles_record_bidstatusperiod_truncate();",
        "DROP TRIGGER articles_record_deadline_insert ON articles_deadline;",
        "DROP FUNCTION articles_record_deadline_insert();",
        "DROP TRIGGER articles_record_deadline_update ON articles_deadline;",
        "DROP FUNCTION articles_record_deadline_update();",
        "DROP TRIGGER articles_record_deadline_delete ON articles_deadline;",
        "DROP FUNCTION articles_record_deadline_delete();",
        "DROP TRIGGER articles_record_deadline_truncate ON articles_deadline;",
        "DROP FUNCTION articles_record_deadline_truncate();",
        "DROP TRIGGER articles_record_deadline_sources_insert ON articles_deadline_sources;",
        "DROP FUNCTION articles_record_deadline_sources_insert();",
        "DROP TRIGGER articles_record_deadline_sources_update ON articles_deadline_sources;",
        "DROP FUNCTION articles_record_deadline_sources_update();",
        "DROP TRIGGER articles_record_deadline_sources_delete ON articles_deadline_sources;",
        "DROP FUNCTION articles_record_deadline_sources_delete();",
        "DROP TRIGGER articles_record_deadline_sources_truncate ON articles_deadline_sources;",
        "DROP FUNCTION articles_record_deadline_sources_truncate();",
        "DROP TRIGGER articles_record_review_insert ON articles_review;",
        "DROP FUNCTION articles_record_review_insert();",
        "DROP TRIGGER articles_record_review_update ON articles_review;",
        "DROP FUNCTION articles_record_review_update();",
        "DROP TRIGGER articles_record_review_delete ON articles_review;",
        "DROP FUNCTION articles_record_review_delete();",
        "DROP TRIGGER articles_record_review_truncate ON articles_review;",
        "DROP FUNCTION articles_record_review_truncate();",
        "DROP TRIGGER articles_record_review_sources_insert ON articles_review_sources;",
        "DROP FUNCTION articles_record_review_sources_insert();",
        "DROP TRIGGER articles_record_review_sources_update ON articles_review_sources;",
        "DROP FUNCTION articles_record_review_sources_update();",
        "DROP TRIGGER articles_record_review_sources_delete ON articles_review_sources;",
        "DROP FUNCTION articles_record_review_sources_delete();",
        "DROP TRIGGER articles_record_review_sources_truncate ON articles_review_sources;",
        "DROP FUNCTION articles_record_review_sources_truncate();",
        "DROP TRIGGER articles_record_reviewsuspension_insert ON articles_reviewsuspension;",
        "DROP FUNCTION articles_record_reviewsuspension_insert();",
        "DROP TRIGGER articles_record_reviewsuspension_update ON articles_reviewsuspension;",
        "DROP FUNCTION articles_record_reviewsuspension_update();",
        "DROP TRIGGER articles_record_reviewsuspension_delete ON articles_reviewsuspension;",
        "DROP FUNCTION articles_record_reviewsuspension_delete();",
        "DROP TRIGGER articles_record_reviewsuspension_truncate ON articles_reviewsuspension;",
        "DROP FUNCTION articles_record_reviewsuspension_truncate();",
        "DROP TRIGGER articles_record_reviewstatusperiod_insert ON articles_reviewstatusperiod;",
        "DROP FUNCTION articles_record_reviewstatusperiod_insert();",
        "DROP TRIGGER articles_record_reviewstatusperiod_update ON articles_reviewstatusperiod;",
        "DROP FUNCTION articles_record_reviewstatusperiod_update();",
        "DROP TRIGGER articles_record_reviewstatusperiod_delete ON articles_reviewstatusperiod;",
        "DROP FUNCTION articles_record_reviewstatusperiod_delete();",
        "DROP TRIGGER articles_record_reviewstatusperiod_truncate ON articles_reviewstatusperiod;",
        "DROP FUNCTION articles_record_reviewstatusperiod_truncate();",
        "DROP TRIGGER articles_record_dealstatusperiod_insert ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_record_dealstatusperiod_insert();",
        "DROP TRIGGER articles_record_dealstatusperiod_update ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_record_dealstatusperiod_update();",
        "DROP TRIGGER articles_record_dealstatusperiod_delete ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_record_dealstatusperiod_delete();",
        "DROP TRIGGER articles_record_dealstatusperiod_truncate ON articles_dealstatusperiod;",
        "DROP FUNCTION articles_record_dealstatusperiod_truncate();",
        "DROP TRIGGER articles_record_article_deals_insert ON articles_article_deals;",
        "DROP FUNCTION articles_record_article_deals_insert();",
        "DROP TRIGGER articles_record_article_deals_update ON articles_article_deals;",
        "DROP FUNCTION articles_record_article_deals_update();",
        "DROP TRIGGER articles_record_article_deals_delete ON articles_article_deals;",
        "DROP FUNCTION articles_record_article_deals_delete();",
        "DROP TRIGGER articles_record_article_deals_truncate ON articles_article_deals;",
        "DROP FUNCTION articles_record_article_deals_truncate();",
        "DROP TRIGGER articles_record_article_companies_insert ON articles_article_companies;",
        "DROP FUNCTION articles_record_article_companies_insert();",
        "DROP TRIGGER articles_record_article_companies_update ON articles_article_companies;",
        "DROP FUNCTION articles_record_article_companies_update();",
        "DROP TRIGGER articles_record_article_companies_delete ON articles_article_companies;",
        "DROP FUNCTION articles_record_article_companies_delete();",
        "DROP TRIGGER articles_record_article_companies_truncate ON articles_article_companies;",
        "DROP FUNCTION articles_record_article_companies_truncate();",
        "DROP TRIGGER articles_record_article_insert ON articles_article;",
        "DROP FUNCTION articles_record_article_insert();",
        "DROP TRIGGER articles_record_article_update ON articles_article;",
        "DROP FUNCTION articles_record_article_update();",
        "DROP TRIGGER articles_record_article_delete ON articles_article;",
        "DROP FUNCTION articles_record_article_delete();",
        "DROP TRIGGER articles_record_article_truncate ON articles_article;",
        "DROP FUNCTION articles_record_article_truncate();",
        "DROP TRIGGER articles_record_company_insert ON articles_company;",
        "DROP FUNCTION articles_record_company_insert();",
        "DROP TRIGGER articles_record_company_update ON articles_company;",
        "DROP FUNCTION articles_record_company_update();",
        "DROP TRIGGER articles_record_company_delete ON articles_company;",
        "DROP FUNCTION articles_record_company_delete();",
        "DROP TRIGGER articles_record_company_truncate ON articles_company;",
        "DROP FUNCTION articles_record_company_truncate();",
        "DROP TRIGGER articles_record_source_insert ON articles_source;",
        "DROP FUNCTION articles_record_source_insert();",
        "DROP TRIGGER articles_record_source_update ON articles_source;",
        "DROP FUNCTION articles_record_source_update();",
        "DROP TRIGGER articles_record_source_delete ON articles_source;",
        "DROP FUNCTION articles_record_source_delete();",
        "DROP TRIGGER articles_record_source_truncate ON articles_source;",
        "DROP FUNCTION articles_record_source_truncate();",
        "DROP TRIGGER articles_record_authority_insert ON articles_authority;",
        "DROP FUNCTION articles_record_authority_insert();",
        "DROP TRIGGER articles_record_authority_update ON articles_authority;",
        "DROP FUNCTION articles_record_authority_update();",
        "DROP TRIGGER articles_record_authority_delete ON articles_authority;",
        "DROP FUNCTION articles_record_authority_delete();",
        "DROP TRIGGER articles_record_authority_truncate ON articles_authority;",
        "DROP FUNCTION articles_record_authority_truncate();",
        "DROP FUNCTION articles_record_touch(bigint[], bigint[], boolean);",
        "DROP SEQUENCE articles_record_version;",
    ],
}


def _execute(schema_editor, statements):
    # PostgreSQL's; elsewhere the table stays empty and unread.
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def create(apps, schema_editor):
    _execute(schema_editor, RECORD_VERSIONS["create"])


def drop(apps, schema_editor):
    _execute(schema_editor, RECORD_VERSIONS["drop"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0033_authority_page_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=7)),
                ("record_id", models.BigIntegerField()),
                ("version", models.BigIntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "record_id"), name="record_version_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(create, drop),
    ]
