// A small parser for the subset of the Prisma schema language this project uses, and the database shape
// (tables, columns, keys, indexes) that Prisma's migrate would produce for it on PostgreSQL.
export interface ExpectedColumn {
  name: string;
  type: string; // information_schema.columns.data_type
  nullable: boolean;
  default: "none" | "now" | { literal: string };
}
export interface ExpectedIndex {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
}
export interface ExpectedForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}
export interface ExpectedTable {
  name: string;
  columns: ExpectedColumn[];
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp without time zone",
  Json: "jsonb",
  Decimal: "numeric",
  Bytes: "bytea",
};
const NATIVE_TYPES: Record<string, string> = { Date: "date", Timestamptz: "timestamp with time zone", Text: "text" };
const REFERENTIAL: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

const listArg = (s: string): string[] => s.split(",").map((x) => x.trim()).filter(Boolean);

interface RawField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attrs: string;
}
interface RawModel {
  name: string;
  fields: RawField[];
  blockAttrs: string[];
}

export function parsePrismaModels(source: string): RawModel[] {
  const text = source.replace(/\/\/.*$/gm, "");
  const models: RawModel[] = [];
  for (const m of text.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)) {
    const model: RawModel = { name: m[1], fields: [], blockAttrs: [] };
    for (const line of m[2].split("\n").map((l) => l.trim()).filter(Boolean)) {
      if (line.startsWith("@@")) {
        model.blockAttrs.push(line);
        continue;
      }
      const f = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!f) throw new Error(`Cannot parse field line in model ${model.name}: ${line}`);
      model.fields.push({ name: f[1], type: f[2], list: Boolean(f[3]), optional: Boolean(f[4]), attrs: f[5] });
    }
    models.push(model);
  }
  return models;
}

/** The tables Prisma Migrate creates for these models, with its naming conventions for keys and indexes. */
export function expectedTables(source: string): ExpectedTable[] {
  const models = parsePrismaModels(source);
  const tableOf = new Map<string, string>();
  const columnOf = new Map<string, Map<string, string>>();
  for (const model of models) {
    const map = model.blockAttrs.map((a) => /^@@map\("([^"]+)"\)/.exec(a)?.[1]).find(Boolean);
    tableOf.set(model.name, map ?? model.name);
    columnOf.set(
      model.name,
      new Map(model.fields.map((f) => [f.name, /@map\("([^"]+)"\)/.exec(f.attrs)?.[1] ?? f.name])),
    );
  }
  return models.map((model) => {
    const table = tableOf.get(model.name)!;
    const col = (field: string) => columnOf.get(model.name)!.get(field) ?? field;
    const table_: ExpectedTable = { name: table, columns: [], indexes: [], foreignKeys: [] };
    for (const f of model.fields) {
      if (tableOf.has(f.type)) {
        const rel = /@relation\(([^)]*)\)/.exec(f.attrs)?.[1];
        const fields = rel && /fields:\s*\[([^\]]*)\]/.exec(rel)?.[1];
        if (!rel || !fields) continue; // the back-relation side has no columns
        const columns = listArg(fields).map(col);
        const onDelete = /onDelete:\s*(\w+)/.exec(rel)?.[1] ?? (f.optional ? "SetNull" : "Restrict");
        const onUpdate = /onUpdate:\s*(\w+)/.exec(rel)?.[1] ?? "Cascade";
        table_.foreignKeys.push({
          name: `${table}_${columns.join("_")}_fkey`,
          columns,
          refTable: tableOf.get(f.type)!,
          refColumns: listArg(/references:\s*\[([^\]]*)\]/.exec(rel)![1]).map((r) => columnOf.get(f.type)!.get(r) ?? r),
          onDelete: REFERENTIAL[onDelete],
          onUpdate: REFERENTIAL[onUpdate],
        });
        continue;
      }
      const native = /@db\.(\w+)/.exec(f.attrs)?.[1];
      const type = native ? NATIVE_TYPES[native] : SCALAR_TYPES[f.type];
      if (!type) throw new Error(`Unsupported type ${f.type}${native ? ` @db.${native}` : ""} on ${model.name}.${f.name}`);
      const def = /@default\((.*?)\)(?:\s|$)/.exec(f.attrs)?.[1];
      let dflt: ExpectedColumn["default"] = "none";
      if (def === "now()") dflt = "now";
      else if (def !== undefined && !/^(cuid|uuid|nanoid|ulid)\(/.test(def)) dflt = { literal: def.replace(/^"(.*)"$/, "$1") };
      table_.columns.push({ name: col(f.name), type: f.list ? `ARRAY` : type, nullable: f.optional, default: dflt });
      if (/@id\b/.test(f.attrs)) table_.indexes.push({ name: `${table}_pkey`, columns: [col(f.name)], unique: true, primary: true });
      if (/@unique\b/.test(f.attrs)) {
        table_.indexes.push({ name: `${table}_${col(f.name)}_key`, columns: [col(f.name)], unique: true, primary: false });
      }
    }
    for (const a of model.blockAttrs) {
      const m = /^@@(unique|index|id)\(\[([^\]]*)\]/.exec(a);
      if (!m) continue;
      const columns = listArg(m[2]).map(col);
      const kind = m[1];
      const name = kind === "id" ? `${table}_pkey` : `${table}_${columns.join("_")}_${kind === "unique" ? "key" : "idx"}`;
      table_.indexes.push({ name, columns, unique: kind !== "index", primary: kind === "id" });
    }
    return table_;
  });
}
