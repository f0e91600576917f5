export function SettingsNav({
  current,
}: {
  current: "clinic" | "staff" | "availability" | "messages" | "integrations" | "api-keys" | "risk" | "audit";
}) {
  const items = [
    ["clinic", "/settings", "Clinic"],
    ["staff", "/settings/staff", "Staff"],
    ["availability", "/settings/availability", "Therapist hours"],
    ["messages", "/settings/messages", "Messages"],
    ["integrations", "/settings/integrations", "Integrations"],
    ["api-keys", "/settings/api-keys", "API keys"],
    ["risk", "/settings/risk", "Risk model"],
    ["audit", "/settings/audit", "Audit log"],
  ] as const;
  return (
    <nav aria-label="Settings" class="subnav">
      {items.map(([key, href, text]) => (
        <a href={href} aria-current={key === current ? "page" : undefined}>
          {text}
        </a>
      ))}
    </nav>
  );
}
