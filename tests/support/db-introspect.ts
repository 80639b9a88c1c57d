// Reads the shape of the current schema from the catalog and compares it with what schema.prisma implies.
import type { SqlExecutor } from "@/lib/db/migrate";
import type { ExpectedColumn, ExpectedTable } from "./prisma-schema";

const RULE: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

export async function introspect(db: SqlExecutor): Promise<ExpectedTable[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`,
  );
  const columns = await db.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
  }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const indexes = await db.query<{ table_name: string; index_name: string; uniq: boolean; prim: boolean; cols: string }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, ix.indisunique AS uniq, ix.indisprimary AS prim,
            string_agg(a.attname, ',' ORDER BY k.ord) AS cols
     FROM pg_index ix
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE n.nspname = current_schema()
     GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`,
  );
  const fks = await db.query<{
    table_name: string;
    name: string;
    cols: string;
    ref_table: string;
    ref_cols: string;
    del: string;
    upd: string;
  }>(
    `SELECT tc.relname AS table_name, c.conname AS name, rt.relname AS ref_table,
            c.confdeltype AS del, c.confupdtype AS upd,
            (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS cols,
            (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_cols
     FROM pg_constraint c
     JOIN pg_class tc ON tc.oid = c.conrelid
     JOIN pg_class rt ON rt.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = current_schema()`,
  );
  return tables.map(({ table_name: name }) => ({
    name,
    columns: columns
      .filter((c) => c.table_name === name)
      .map((c) => ({
        name: c.column_name,
        type: c.data_type,
        nullable: c.is_nullable === "YES",
        default: parseDefault(c.column_default),
      })),
    indexes: indexes
      .filter((i) => i.table_name === name)
      .map((i) => ({ name: i.index_name, columns: i.cols.split(","), unique: i.uniq, primary: i.prim })),
    foreignKeys: fks
      .filter((f) => f.table_name === name)
      .map((f) => ({
        name: f.name,
        columns: f.cols.split(","),
        refTable: f.ref_table,
        refColumns: f.ref_cols.split(","),
        onDelete: RULE[f.del],
        onUpdate: RULE[f.upd],
      })),
  }));
}

function parseDefault(raw: string | null): ExpectedColumn["default"] {
  if (raw === null) return "none";
  if (/^(CURRENT_TIMESTAMP|now\(\))/i.test(raw)) return "now";
  const quoted = /^'(.*)'::[\w ]+$/.exec(raw);
  return { literal: quoted ? quoted[1] : raw };
}

/** Human-readable differences between two schema shapes; empty when they agree. */
export function diffSchemas(expected: ExpectedTable[], actual: ExpectedTable[]): string[] {
  const out: string[] = [];
  const byName = <T extends { name: string }>(xs: T[]) => new Map(xs.map((x) => [x.name, x]));
  const actualTables = byName(actual);
  for (const t of actual) if (!expected.some((e) => e.name === t.name)) out.push(`unexpected table ${t.name}`);
  for (const e of expected) {
    const a = actualTables.get(e.name);
    if (!a) {
      out.push(`missing table ${e.name}`);
      continue;
    }
    const sections = [
      ["column", e.columns, a.columns],
      ["index", e.indexes, a.indexes],
      ["foreign key", e.foreignKeys, a.foreignKeys],
    ] as const;
    for (const [what, exp, act] of sections) {
      const actMap = byName<{ name: string }>([...act]);
      for (const x of act) if (!exp.some((y) => y.name === x.name)) out.push(`${e.name}: unexpected ${what} ${x.name}`);
      for (const x of exp) {
        const y = actMap.get(x.name);
        if (!y) out.push(`${e.name}: missing ${what} ${x.name}`);
        else if (JSON.stringify(x) !== JSON.stringify(y)) {
          out.push(`${e.name}: ${what} ${x.name} is ${JSON.stringify(y)}, schema.prisma says ${JSON.stringify(x)}`);
        }
      }
    }
  }
  return out;
}
