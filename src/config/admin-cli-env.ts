// The one environment value the admin:create command reads besides AppConfig: a password for
// unattended set-ups (a terminal prompt is used when it is absent). Kept out of AppConfig so the
// running app never holds it.
export function adminPasswordFromEnv(): string | undefined {
  const value = process.env.ADMIN_PASSWORD;
  return value === undefined || value === '' ? undefined : value;
}
