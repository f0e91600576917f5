/** Tasks | At risk: the two views of the worklist, as plain links (they work without JS). */
export function WorklistViewSwitch({ current }: { current: "tasks" | "at-risk" }) {
  return (
    <nav class="view-switch" aria-label="Worklist view">
      <a href="/worklist" aria-current={current === "tasks" ? "page" : undefined}>
        Tasks
      </a>{" "}
      |{" "}
      <a href="/worklist?view=at-risk" aria-current={current === "at-risk" ? "page" : undefined}>
        At risk
      </a>
    </nav>
  );
}
