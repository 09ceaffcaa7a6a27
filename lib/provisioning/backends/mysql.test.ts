import { randomUUID } from "node:crypto";
import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseIdentifier } from "../naming";
import { createMysqlBackend } from "./mysql";
import type { BackendContext, ProvisionedRequest } from "./types";

const adminUrl = process.env.TEST_MYSQL_URL || process.env.RUNWAY_MYSQL_ADMIN_URL || "mysql://root@127.0.0.1:3306/";
const backend = createMysqlBackend({ RUNWAY_MYSQL_ADMIN_URL: adminUrl });

const unreachable = await mysql
  .createConnection({ uri: adminUrl, connectTimeout: 3_000 })
  .then((c) => c.end().then(() => null))
  .catch((err: Error) => err.message || String(err));
if (unreachable) console.warn(`Skipping the mysql backend tests: ${adminUrl} is unreachable (${unreachable})`);

/** What the worker keeps between attempts: a retry gets a new context over the same store. */
type Store = { outputs: Record<string, unknown>; secrets: Map<string, string>; steps: string[] };

function newStore(): Store {
  return { outputs: {}, secrets: new Map(), steps: [] };
}

function context(request: ProvisionedRequest, store: Store, onStep?: (message: string) => boolean): BackendContext {
  const controller = new AbortController();
  return {
    request,
    jobId: 0,
    outputs: store.outputs,
    signal: controller.signal,
    async step(message) {
      store.steps.push(message);
      if (onStep?.(message)) controller.abort(new Error("worker stopped"));
    },
    async saveOutputs(outputs) {
      Object.assign(store.outputs, outputs);
    },
    async loadSecret(key) {
      return store.secrets.get(key) ?? null;
    },
    async saveSecret(key, value) {
      if (!store.secrets.has(key)) store.secrets.set(key, value);
      return store.secrets.get(key)!;
    },
    sourceLocations: async () => new Map(),
  };
}

const provisioned: ProvisionedRequest[] = [];

function databaseRequest(size: "small" | "medium" | "large" = "small", team = "payments", name = "orders"): ProvisionedRequest {
  const request: ProvisionedRequest = {
    id: randomUUID(),
    kind: "database",
    team,
    environment: "dev",
    name,
    parameters: { engine: "mysql", version: "10.11", size, sizeGb: 5, backups: true },
    requestedBy: "developer@example.com",
    approvedBy: null,
  };
  provisioned.push(request);
  return request;
}

function connectAs(user: string, password: string, database = ""): Promise<Connection> {
  const url = new URL(adminUrl);
  url.username = user;
  url.password = encodeURIComponent(password);
  url.pathname = `/${database}`;
  return mysql.createConnection({ uri: url.href });
}

describe.skipIf(unreachable)("mysql backend", () => {
  let admin: Connection;

  async function count(sql: string, name: string): Promise<number> {
    const [rows] = await admin.query<RowDataPacket[]>(sql, [name]);
    return Number(rows[0].n);
  }
  const users = (name: string) => count("SELECT COUNT(*) AS n FROM mysql.user WHERE User = ?", name);
  const databases = (name: string) => count("SELECT COUNT(*) AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", name);

  beforeAll(async () => {
    admin = await mysql.createConnection({ uri: adminUrl });
  });

  afterAll(async () => {
    for (const request of provisioned) await backend.decommission(context(request, newStore()));
    await admin?.end();
  });

  it("creates a database and a user that can work in it, and only in it", async () => {
    const request = databaseRequest();
    const store = newStore();
    await backend.provision(context(request, store));

    const name = databaseIdentifier(request);
    expect(store.outputs).toMatchObject({ engine: "mysql", database: name, user: name, sizeGb: 5, connections: 20 });
    expect(JSON.stringify(store.outputs)).not.toContain(store.secrets.get("password"));
    expect(store.steps).toEqual(expect.arrayContaining([`Ensured database ${name}`, `Ensured user ${name} with at most 20 connections`]));

    const other = `rw_test_other_${randomUUID().replace(/-/g, "").slice(0, 8)}`;
    await admin.query(`CREATE DATABASE ${mysql.escapeId(other)}`);
    try {
      const conn = await connectAs(name, store.secrets.get("password")!, name);
      await conn.query("CREATE TABLE orders (id INT PRIMARY KEY)");
      await conn.query("INSERT INTO orders VALUES (1)");
      const [rows] = await conn.query<RowDataPacket[]>("SELECT COUNT(*) AS n FROM orders");
      expect(rows[0].n).toBe(1);
      await expect(conn.query(`CREATE TABLE ${mysql.escapeId(other)}.stolen (id INT)`)).rejects.toThrow(/denied/i);
      await conn.end();
    } finally {
      await admin.query(`DROP DATABASE ${mysql.escapeId(other)}`);
    }
  });

  it("limits the user's connections by the request's size", async () => {
    const medium = databaseRequest("medium");
    await backend.provision(context(medium, newStore()));
    const [rows] = await admin.query<RowDataPacket[]>("SELECT max_user_connections AS n FROM mysql.user WHERE User = ?", [databaseIdentifier(medium)]);
    expect(Number(rows[0].n)).toBe(50);

    const small = databaseRequest("small");
    const store = newStore();
    await backend.provision(context(small, store));
    const name = databaseIdentifier(small);
    const open = await Promise.all(Array.from({ length: 20 }, () => connectAs(name, store.secrets.get("password")!)));
    try {
      await expect(connectAs(name, store.secrets.get("password")!)).rejects.toThrow(/max_user_connections/);
    } finally {
      await Promise.all(open.map((c) => c.end()));
    }
  });

  it("leaves exactly one user and one database when provisioning is retried", async () => {
    const request = databaseRequest();
    const store = newStore();
    await backend.provision(context(request, store));
    const password = store.secrets.get("password")!;
    await backend.provision(context(request, store));

    const name = databaseIdentifier(request);
    expect(store.secrets.get("password")).toBe(password);
    expect(await users(name)).toBe(1);
    expect(await databases(name)).toBe(1);
    const conn = await connectAs(name, password, name);
    await conn.end();
  });

  it("completes on retry after the worker stopped between creating the database and the user", async () => {
    const request = databaseRequest();
    const store = newStore();
    const name = databaseIdentifier(request);
    const stopAfterDatabase = (message: string) => message === `Ensured database ${name}`;
    await expect(backend.provision(context(request, store, stopAfterDatabase))).rejects.toThrow("worker stopped");
    expect(await databases(name)).toBe(1);
    expect(await users(name)).toBe(0);
    expect(store.outputs).toEqual({});

    await backend.provision(context(request, store));
    expect(await databases(name)).toBe(1);
    expect(await users(name)).toBe(1);
    expect(store.outputs).toMatchObject({ database: name, user: name });
    const conn = await connectAs(name, store.secrets.get("password")!, name);
    await conn.end();
  });

  it("corrects a user's password and connection limit on retry", async () => {
    const request = databaseRequest();
    const store = newStore();
    await backend.provision(context(request, store));
    const name = databaseIdentifier(request);
    await admin.query(`ALTER USER ${mysql.escapeId(name)}@'%' IDENTIFIED BY 'drifted' WITH MAX_USER_CONNECTIONS 1`);

    await backend.provision(context(request, store));
    const conn = await connectAs(name, store.secrets.get("password")!, name);
    await conn.end();
    expect(await count("SELECT max_user_connections AS n FROM mysql.user WHERE User = ?", name)).toBe(20);
  });

  it("decommissions by closing the user's connections and dropping the user and the database, twice without error", async () => {
    const request = databaseRequest();
    const store = newStore();
    await backend.provision(context(request, store));
    const name = databaseIdentifier(request);
    const conn = await connectAs(name, store.secrets.get("password")!, name);
    conn.on("error", () => {});
    await conn.query("CREATE TABLE t (id INT)");
    await conn.beginTransaction();
    await conn.query("INSERT INTO t VALUES (1)");

    const steps = newStore();
    await backend.decommission(context(request, steps));
    expect(steps.steps).toEqual([`Dropped user ${name}`, `Closed 1 open connection of ${name}`, `Dropped database ${name}`]);
    await expect(conn.query("SELECT 1")).rejects.toThrow();
    expect(await users(name)).toBe(0);
    expect(await databases(name)).toBe(0);
    await expect(connectAs(name, store.secrets.get("password")!)).rejects.toThrow(/denied/i);

    await backend.decommission(context(request, newStore()));
    expect(await databases(name)).toBe(0);
    conn.destroy();
  });

  it("gives a long team and name a database of that name and a user short enough for MySQL (32 characters)", async () => {
    const request = databaseRequest("small", "platform-engineering", "customer-orders-archive");
    const store = newStore();
    await backend.provision(context(request, store));
    const name = databaseIdentifier(request);
    const user = store.outputs.user as string;
    expect(name.length).toBeGreaterThan(32);
    expect(user.length).toBeLessThanOrEqual(32);
    expect(user).toMatch(/^rw_platform_engineering_/);
    expect(store.outputs).toMatchObject({ database: name, user });
    const conn = await connectAs(user, store.secrets.get("password")!, name);
    await conn.query("CREATE TABLE t (id INT)");
    await conn.end();

    await backend.decommission(context(request, newStore()));
    expect(await users(user)).toBe(0);
    expect(await databases(name)).toBe(0);
  });

  it("decommissions a user made before names were shortened: the one its outputs record", async () => {
    const request = databaseRequest("small", "platform-engineering", "legacy-orders-archive");
    const name = databaseIdentifier(request);
    // As an earlier release made it on MariaDB: the user named as its database.
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.query(`CREATE USER '${name}'@'%' IDENTIFIED BY 'legacy-password'`);
    const store = { ...newStore(), outputs: { database: name, user: name } };

    await backend.decommission(context(request, store));
    expect(await users(name)).toBe(0);
    expect(await databases(name)).toBe(0);
  });

  it("reports the server version when healthy, and the error when not, without throwing", async () => {
    expect(backend.configured()).toBe(true);
    const healthy = await backend.health();
    expect(healthy.ok).toBe(true);
    expect(healthy.detail).toMatch(/^\d+\.\d+\.\d+/);

    const down = await createMysqlBackend({ RUNWAY_MYSQL_ADMIN_URL: "mysql://root@127.0.0.1:1/" }).health();
    expect(down.ok).toBe(false);
    expect(down.detail).toMatch(/ECONNREFUSED/);

    const unset = createMysqlBackend({});
    expect(unset.configured()).toBe(false);
    expect(await unset.health()).toEqual({ ok: false, detail: "RUNWAY_MYSQL_ADMIN_URL is not set" });
  });
});
