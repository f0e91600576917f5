import { type Context, Hono } from "hono";
import { AtRiskPage, type OutreachSummaryView } from "../../templates/worklist/at-risk.page";
import { AtRiskList } from "../../templates/worklist/at-risk-list.partial";
import { type AtRiskContext, AtRiskRow, type AtRiskRowView } from "../../templates/worklist/at-risk-row.partial";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { localDateIn } from "../clinics/model";
import { recordAudit, staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { isHtmx } from "../platform/htmx";
import { localParts } from "../platform/time";
import { fieldErrors, formStrings } from "../platform/validate";
import * as atRisk from "./at-risk";
import { atRiskHref, atRiskQuerySchema, type BandFilter, bandsOf, outcomeSchema } from "./at-risk-schemas";
import { safeBack } from "./schemas";

/** /worklist/at-risk/...: starting outreach for an at-risk episode and recording what came of it. */
export const atRiskRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
type RowError = { message: string; status: 409 | 422 };

const notFound = () => new AppError("not_found", "No such at-risk episode.");

/** Dates and times in the clinic's zone, as staff read them. */
function formatters(c: C) {
  const tz = currentStaff(c).clinicTimeZone;
  return {
    date: (at: number) => localDateIn(at, tz),
    dateTime: (at: number) => {
      const p = localParts(at, tz);
      return `${p.date} ${p.time}`;
    },
  };
}

function rowView(c: C, e: atRisk.AtRiskEntry): AtRiskRowView {
  const f = formatters(c);
  const o = e.outreach;
  return {
    episodeId: e.episodeId,
    patient: e.patient,
    band: e.band,
    score: `${Math.round(e.score * 100)}%`,
    reasons: e.reasons.map((r) => r.text),
    lastContact: e.lastContactAt ? f.date(e.lastContactAt) : null,
    nextVisit: e.nextVisitAt ? f.dateTime(e.nextVisitAt) : null,
    outreach: o && {
      id: o.id,
      started: f.dateTime(o.startedAt),
      outcome: o.outcome ? atRisk.outcomeWords[o.outcome] : null,
      outcomeOn: o.outcomeAt ? f.date(o.outcomeAt) : null,
      cameBack: o.returnedAt ? f.date(o.returnedAt) : null,
      message: o.message ? (o.message.sent ? "message sent" : `message not sent: ${o.message.reason}`) : null,
    },
  };
}

function summaryView(s: atRisk.OutreachSummary): OutreachSummaryView {
  return {
    days: atRisk.SUMMARY_DAYS,
    started: s.started,
    reached: s.reached,
    rebooked: s.rebooked,
    noAnswer: s.no_answer,
    declined: s.declined,
    pending: s.pending,
    cameBack: s.came_back,
  };
}

/** The at-risk view (or, for htmx, the table alone); `rowError` shows a refused action beside its row. */
export async function renderAtRisk(
  c: C,
  band: BandFilter,
  opts: { status?: 200 | 409 | 422; rowError?: { episodeId: string; message: string } } = {},
) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const [list] = await Promise.all([
    atRisk.atRiskWorklist(deps, staff.clinicId, bandsOf[band]),
    recordAudit(deps, staffActor(c), "risk.worklist"),
  ]);
  const rows = list.entries.map((e) => rowView(c, e));
  const ctx: AtRiskContext = { csrfToken: staff.csrfToken, back: atRiskHref(band) };
  const rowErrors = opts.rowError ? { [opts.rowError.episodeId]: opts.rowError.message } : undefined;
  if (isHtmx(c) && !opts.rowError) return c.html(<AtRiskList rows={rows} ctx={ctx} truncated={list.truncated} />);
  return c.html(
    <AtRiskPage
      staff={layoutStaff(staff)}
      band={band}
      rows={rows}
      truncated={list.truncated}
      summary={summaryView(list.summary)}
      ctx={ctx}
      rowErrors={rowErrors}
    />,
    opts.status ?? 200,
  );
}

/** After a row action: htmx swaps the row; a plain form goes back to the list (or shows it with the message). */
async function answerRowAction(c: C, episodeId: string, back: string, error?: RowError) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  if (isHtmx(c)) {
    const entry = await atRisk.atRiskEntry(deps, staff.clinicId, episodeId);
    // The episode closed (or lost its score) meanwhile: the row leaves the list.
    if (!entry) return c.html(<GoneRow episodeId={episodeId} message={error?.message} />, error?.status ?? 200);
    const ctx: AtRiskContext = { csrfToken: staff.csrfToken, back };
    return c.html(<AtRiskRow row={rowView(c, entry)} ctx={ctx} error={error?.message} />, error?.status ?? 200);
  }
  if (!error) return c.redirect(back, 303);
  const query = atRiskQuerySchema.parse(Object.fromEntries(new URL(back, "http://x").searchParams));
  return renderAtRisk(c, query.band, { status: error.status, rowError: { episodeId, message: error.message } });
}

function GoneRow(props: { episodeId: string; message?: string }) {
  return (
    <tr id={`risk-${props.episodeId}`} class="at-risk gone">
      <td colspan={7}>{props.message ?? "Saved. This episode is no longer open, so it has left the list."}</td>
    </tr>
  );
}

/** Where a plain form returns: only the at-risk view itself. */
const backOf = (body: Record<string, string>) => {
  const back = safeBack(body.back);
  return back.startsWith("/worklist?view=at-risk") ? back : atRiskHref("high-medium");
};

atRiskRoutes.post("/:episodeId/outreach", async (c) => {
  const episodeId = c.req.param("episodeId");
  const back = backOf(formStrings(await c.req.parseBody()));
  const started = await atRisk.startOutreach(c.get("deps"), staffActor(c), episodeId);
  if (!started.ok) {
    if (started.error === "episode_not_found") throw notFound();
    return answerRowAction(c, episodeId, back, {
      message: "An outreach for this episode is already under way: record its outcome before starting another.",
      status: 409,
    });
  }
  return answerRowAction(c, episodeId, back);
});

atRiskRoutes.post("/outreach/:outreachId/outcome", async (c) => {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const outreach = await atRisk.findOutreach(deps, staff.clinicId, c.req.param("outreachId"));
  if (!outreach) throw new AppError("not_found", "No such outreach.");
  const body = formStrings(await c.req.parseBody());
  const back = backOf(body);
  const parsed = outcomeSchema.safeParse(body);
  if (!parsed.success) {
    return answerRowAction(c, outreach.episodeId, back, { message: fieldErrors(parsed.error).outcome ?? "Choose an outcome", status: 422 });
  }
  const recorded = await atRisk.recordOutcome(deps, staffActor(c), outreach.id, parsed.data.outcome);
  if (!recorded.ok) {
    if (recorded.error === "outreach_not_found") throw new AppError("not_found", "No such outreach.");
    return answerRowAction(c, outreach.episodeId, back, { message: "The outcome of this outreach was already recorded.", status: 409 });
  }
  return answerRowAction(c, outreach.episodeId, back);
});
