// Before the API tests of one database: refuse anything that is not a test database, start the
// SQLite file afresh, and apply the migrations.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { migrate, sqlitePath } from "@/lib/db/migrate";
import { byProvider, providerOf } from "@/lib/db/provider";

export default async function setup(project: TestProject) {
  const url = String(project.config.env?.DATABASE_URL ?? "");
  byProvider(providerOf(url), {
    sqlite: () => {
      const file = sqlitePath(url);
      if (!/test/.test(file))
        throw new Error(`Refusing to run tests against ${file}: its path must contain "test"`);
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    },
    postgresql: () => {
      const name = new URL(url).pathname.slice(1);
      if (!/test/.test(name))
        throw new Error(
          `Refusing to run tests against database '${name}': its name must contain "test"`,
        );
    },
  });
  await migrate(url);
}
