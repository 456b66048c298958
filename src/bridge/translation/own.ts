/**
 * `table[key]` for a key the table itself holds: names such as `constructor` or `__proto__` that come from
 * user input never reach `Object.prototype`.
 */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined
}
