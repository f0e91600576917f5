export interface PreparedStatement {
  sql: string;
  params: unknown[];
}

/**
 * A D1 binding that records every statement prepared on it, with the parameters bound to it (each query
 * drizzle runs prepares one), so a test can count the page's statements and explain their plans.
 */
export function recordingD1(real: D1Database) {
  const statements: PreparedStatement[] = [];
  const d1 = new Proxy(real, {
    get(target, prop) {
      if (prop === "prepare") {
        return (query: string) => {
          const seen: PreparedStatement = { sql: query, params: [] };
          statements.push(seen);
          const prepared = target.prepare(query);
          return new Proxy(prepared, {
            get(statement, key) {
              if (key === "bind") {
                return (...params: unknown[]) => {
                  seen.params = params;
                  return statement.bind(...params);
                };
              }
              const value = Reflect.get(statement, key);
              return typeof value === "function" ? value.bind(statement) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { d1, statements };
}
