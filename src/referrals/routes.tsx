import { type Context, Hono } from "hono";
import type { FieldErrors } from "../../templates/components/form";
import { ReferralDetailPage } from "../../templates/referrals/detail.page";
import type { ReferralSourceValues } from "../../templates/referrals/fields";
import { ReferralFormPage } from "../../templates/referrals/form.page";
import { ReferralListPage, type ReferralSourceRowView } from "../../templates/referrals/list.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { bodyRegionLabels, dischargeReasonLabels } from "../episodes/schemas";
import { displayName } from "../patients/model";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { fieldErrors, formStrings } from "../platform/validate";
import { referralSourceDetail } from "./patients";
import { referralSourceFormSchema, referralSourceKindLabels, referralSourceKindOptions } from "./schemas";
import * as service from "./service";

/** /referrals: referral sources and what became of the patients they sent. */
export const referralRoutes = new Hono<AppEnv>();

const notFound = () => new AppError("not_found", "No such referral source.");

type SourceRow = NonNullable<Awaited<ReturnType<typeof service.getReferralSource>>>;
type Counts = { referred: number; converted: number; completed: number };

function rowView(s: SourceRow, counts: Counts): ReferralSourceRowView {
  return {
    id: s.id,
    name: s.name,
    kind: referralSourceKindLabels[s.kind],
    npi: s.npi,
    practice: s.practice,
    phone: s.phone,
    fax: s.fax,
    email: s.email,
    ...counts,
  };
}

async function renderList(c: Context<AppEnv>, values?: ReferralSourceValues, errors?: FieldErrors) {
  const rows = await service.referralSourcesWithStats(c.get("deps"), currentStaff(c).clinicId);
  return c.html(
    <ReferralListPage
      staff={layoutStaff(currentStaff(c))}
      sources={rows.map(({ source, ...counts }) => rowView(source, counts))}
      kindOptions={referralSourceKindOptions}
      values={values}
      errors={errors}
    />,
    errors ? 422 : 200,
  );
}

referralRoutes.get("/", (c) => renderList(c));

referralRoutes.post("/", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = referralSourceFormSchema.safeParse(values);
  if (!parsed.success) return renderList(c, values, fieldErrors(parsed.error));
  const id = await service.addReferralSource(c.get("deps"), staffActor(c), parsed.data);
  return c.redirect(`/referrals/${id}`, 303);
});

referralRoutes.get("/:id", async (c) => {
  const detail = await referralSourceDetail(c.get("deps"), currentStaff(c).clinicId, c.req.param("id"));
  if (!detail) throw notFound();
  return c.html(
    <ReferralDetailPage
      staff={layoutStaff(currentStaff(c))}
      source={rowView(detail.source, detail.stats)}
      patients={detail.referred.map((r) => ({
        episodeId: r.episodeId,
        patientId: r.patient.id,
        patientName: displayName(r.patient),
        region: bodyRegionLabels[r.bodyRegion],
        startDate: r.startDate,
        status: r.status === "open" ? "open" : `discharged (${r.dischargeReason ? dischargeReasonLabels[r.dischargeReason] : "no reason"})`,
        attended: r.attended,
      }))}
    />,
  );
});

function renderForm(c: Context<AppEnv>, id: string, values: ReferralSourceValues, errors?: FieldErrors) {
  return c.html(
    <ReferralFormPage
      staff={layoutStaff(currentStaff(c))}
      id={id}
      values={values}
      kindOptions={referralSourceKindOptions}
      errors={errors}
    />,
    errors ? 422 : 200,
  );
}

referralRoutes.get("/:id/edit", async (c) => {
  const source = await service.getReferralSource(c.get("deps"), currentStaff(c).clinicId, c.req.param("id"));
  if (!source) throw notFound();
  const { clinicId: _c, createdAt: _a, ...values } = source;
  return renderForm(c, source.id, values);
});

referralRoutes.post("/:id/edit", async (c) => {
  const id = c.req.param("id");
  const values = formStrings(await c.req.parseBody());
  const parsed = referralSourceFormSchema.safeParse(values);
  if (!parsed.success) {
    // Another clinic's id is a 404, not a form.
    if (!(await service.getReferralSource(c.get("deps"), currentStaff(c).clinicId, id))) throw notFound();
    return renderForm(c, id, values, fieldErrors(parsed.error));
  }
  if (!(await service.updateReferralSource(c.get("deps"), staffActor(c), id, parsed.data))) throw notFound();
  return c.redirect(`/referrals/${id}`, 303);
});
