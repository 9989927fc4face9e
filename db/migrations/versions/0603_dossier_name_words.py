"""Core, PostgreSQL only: the words of every folded name, and its pairs of words (in name order: next to
each other, or apart), each key with its dossier ids in id order; kept by triggers in the transaction that
writes the dossier (as SQLite's FTS5 index is, 0001_core).

A name search then reads index ranges newest first and stops after a page (counter_app/services/
name_search_pg.py), instead of a trigram index whose lists for short, common syllables ("an", "van") are a
large part of the register: the trigram index is dropped (it also cost every intake a GIN update).

Words are the runs of [0-9a-z] of the folded name (what SQLite's unicode61 tokenizer makes of it); a pair
is two of them joined by one space, `apart` when other words stand between. Collation "C": byte order, so
a typed prefix is a plain key range.

Revision ID: 0603_dossier_name_words
Revises: 0602_dossier_name_key
Create Date: 2026-12-06
"""

from alembic import op

revision = "0603_dossier_name_words"
down_revision = "0602_dossier_name_key"
branch_labels = None
depends_on = None

# Plain SQL expressions that PostgreSQL inlines into the query calling them (a backfill of a million
# names in a minute, not in several).
_WORDS = """
CREATE FUNCTION dossier_name_word_list(name text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_remove(regexp_split_to_array(name, '[^0-9a-z]+'), '')
$$
"""
_PAIRS = """
CREATE FUNCTION dossier_name_pair_rows(name text) RETURNS TABLE (apart boolean, pair text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT j > i + 1, w[i] || ' ' || w[j]
    FROM (SELECT dossier_name_word_list(name) AS w) AS t,
         generate_series(1, cardinality(w)) AS i, generate_series(i + 1, cardinality(w)) AS j
$$
"""
# One function for insert, a name change and delete: the old name's rows go, the new name's come. The new
# rows are written out here rather than through the functions above: half the time of an intake's trigger
# (a word twice in a name, "Minh Minh", is one row: ON CONFLICT DO NOTHING).
_KEEP = """
CREATE FUNCTION dossier_name_words_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    w text[];
BEGIN
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM dossier_name_words
        WHERE word = ANY (dossier_name_word_list(OLD.applicant_name_folded)) AND dossier_id = OLD.id;
        DELETE FROM dossier_name_pairs p USING dossier_name_pair_rows(OLD.applicant_name_folded) AS r
        WHERE p.apart = r.apart AND p.pair = r.pair AND p.dossier_id = OLD.id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        w := array_remove(regexp_split_to_array(NEW.applicant_name_folded, '[^0-9a-z]+'), '');
        INSERT INTO dossier_name_words (word, dossier_id)
        SELECT x, NEW.id FROM unnest(w) AS x
        ON CONFLICT DO NOTHING;
        INSERT INTO dossier_name_pairs (apart, pair, dossier_id)
        SELECT j > i + 1, w[i] || ' ' || w[j], NEW.id
        FROM generate_series(1, cardinality(w)) AS i, generate_series(i + 1, cardinality(w)) AS j
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return  # SQLite answers from its FTS5 index (0001_core, 0101_core_name_search)
    op.execute(_WORDS)
    op.execute(_PAIRS)
    # Filled before the keys are made: one sort per index instead of a B-tree insert per row.
    op.execute(
        'CREATE TABLE dossier_name_words (word text COLLATE "C" NOT NULL, dossier_id integer NOT NULL)'
    )
    op.execute(
        'CREATE TABLE dossier_name_pairs (apart boolean NOT NULL, pair text COLLATE "C" NOT NULL,'
        " dossier_id integer NOT NULL)"
    )
    op.execute(
        "INSERT INTO dossier_name_words (word, dossier_id) SELECT DISTINCT w, d.id FROM dossiers d,"
        " unnest(dossier_name_word_list(d.applicant_name_folded)) AS w"
    )
    op.execute(
        "INSERT INTO dossier_name_pairs (apart, pair, dossier_id) SELECT DISTINCT r.apart, r.pair, d.id FROM dossiers d,"
        " dossier_name_pair_rows(d.applicant_name_folded) AS r"
    )
    op.execute(
        "ALTER TABLE dossier_name_words ADD CONSTRAINT pk_dossier_name_words PRIMARY KEY (word, dossier_id)"
    )
    op.execute(
        "ALTER TABLE dossier_name_pairs ADD CONSTRAINT pk_dossier_name_pairs PRIMARY KEY (apart, pair, dossier_id)"
    )
    op.execute(_KEEP)
    op.execute(
        "CREATE TRIGGER dossiers_name_words_ai AFTER INSERT ON dossiers"
        " FOR EACH ROW EXECUTE FUNCTION dossier_name_words_keep()"
    )
    op.execute(
        "CREATE TRIGGER dossiers_name_words_au AFTER UPDATE OF applicant_name_folded ON dossiers FOR EACH ROW"
        " WHEN (OLD.applicant_name_folded IS DISTINCT FROM NEW.applicant_name_folded)"
        " EXECUTE FUNCTION dossier_name_words_keep()"
    )
    op.execute(
        "CREATE TRIGGER dossiers_name_words_ad AFTER DELETE ON dossiers"
        " FOR EACH ROW EXECUTE FUNCTION dossier_name_words_keep()"
    )
    op.execute("DROP INDEX ix_dossiers_name_words")
    op.execute("ANALYZE dossier_name_words")
    op.execute("ANALYZE dossier_name_pairs")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for trigger in ("ai", "au", "ad"):
        op.execute(f"DROP TRIGGER dossiers_name_words_{trigger} ON dossiers")
    op.execute("DROP FUNCTION dossier_name_words_keep()")
    op.execute("DROP TABLE dossier_name_pairs")
    op.execute("DROP TABLE dossier_name_words")
    op.execute("DROP FUNCTION dossier_name_pair_rows(text)")
    op.execute("DROP FUNCTION dossier_name_word_list(text)")
    op.execute(
        "CREATE INDEX ix_dossiers_name_words ON dossiers "
        "USING gin ((' ' || applicant_name_folded || ' ') gin_trgm_ops)"
    )
