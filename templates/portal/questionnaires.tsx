import { FieldError, type FieldProblem, problemText } from "./check-in";
import { PortalPage } from "./layout";
import { type PortalKey, type PortalLanguage, t } from "./strings";

const intros: Record<string, PortalKey> = {
  nprs: "outcomesIntroNprs",
  psfs: "outcomesIntroPsfs",
  lefs: "outcomesIntroLefs",
  odi: "outcomesIntroOdi",
  ndi: "outcomesIntroNdi",
};

interface PageBase {
  lang: PortalLanguage;
  clinicName: string;
  csrf: string;
}

export interface OfferView {
  instrumentId: string;
  title: string;
  due: boolean;
  lastDate: string | null;
  /** Number of questions, when fixed. */
  questions: number | null;
}

/** The questionnaires offered for the patient's episode, due ones marked, each a link to its form. */
export function QuestionnaireListPage(v: PageBase & { offers: OfferView[] }) {
  const { lang } = v;
  return (
    <PortalPage lang={lang} title={t(lang, "outcomesListTitle")} clinicName={v.clinicName} csrf={v.csrf} section="questionnaires">
      <h1>{t(lang, "outcomesListTitle")}</h1>
      <p>{t(lang, "outcomesListIntro")}</p>
      <ul class="questionnaires">
        {v.offers.map((o) => (
          <li class="card">
            <a href={`/portal/questionnaires/${o.instrumentId}`} class="questionnaire-link">
              {o.title}
            </a>{" "}
            {o.due && <strong class="badge">{t(lang, "outcomesDue")}</strong>}
            <p class="hint">
              {o.lastDate ? t(lang, "outcomesLastDone", { date: o.lastDate }) : t(lang, "outcomesNotDone")}
              {o.questions !== null && ` · ${t(lang, "outcomesQuestions", { count: String(o.questions) })}`}
            </p>
          </li>
        ))}
      </ul>
    </PortalPage>
  );
}

export function QuestionnaireNotFoundPage(v: PageBase) {
  return (
    <PortalPage lang={v.lang} title={t(v.lang, "outcomesListTitle")} clinicName={v.clinicName} csrf={v.csrf} section="questionnaires">
      <h1>{t(v.lang, "outcomesListTitle")}</h1>
      <p role="alert">{t(v.lang, "outcomesNotFound")}</p>
      <p>
        <a href="/portal/questionnaires">{t(v.lang, "outcomesBack")}</a>
      </p>
    </PortalPage>
  );
}

/** One question: a text box, a 0-10 style number scale, or a list of labelled answers. */
export interface FormItem {
  linkId: string;
  text: string;
  kind: "text" | "scale" | "options";
  optional: boolean;
  maxLength?: number;
  options: { value: string; label: string }[];
}

export interface QuestionnaireFormView extends PageBase {
  instrumentId: string;
  title: string;
  items: FormItem[];
  values?: Record<string, string>;
  problems?: Record<string, FieldProblem>;
}

/** A questionnaire as a plain form: one fieldset of radio buttons per choice item, a text box per text item. */
export function QuestionnairePage(v: QuestionnaireFormView) {
  const { lang } = v;
  const wrong = v.items.filter((i) => v.problems?.[i.linkId]);
  const intro = intros[v.instrumentId];
  return (
    <PortalPage lang={lang} title={v.title} clinicName={v.clinicName} csrf={v.csrf} section="questionnaires">
      <h1>{v.title}</h1>
      {wrong.length > 0 && (
        <div class="error" role="alert">
          <p>{t(lang, "outcomesErrorSummary")}</p>
          <ul>
            {wrong.map((i) => (
              <li>
                <a href={`#${i.linkId}`}>{i.text}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {intro && <p>{t(lang, intro)}</p>}
      <p class="hint">{t(lang, "outcomesFormHint")}</p>
      <form method="post" action={`/portal/questionnaires/${v.instrumentId}`} class="card questionnaire">
        <input type="hidden" name="_csrf" value={v.csrf} />
        {v.items.map((item) => (
          <Item item={item} lang={lang} value={v.values?.[item.linkId] ?? ""} problem={v.problems?.[item.linkId]} />
        ))}
        <button type="submit">{t(lang, "outcomesSendAnswers")}</button>
      </form>
      <p>
        <a href="/portal/questionnaires">{t(lang, "outcomesBack")}</a>
      </p>
    </PortalPage>
  );
}

function Item(props: { item: FormItem; lang: PortalLanguage; value: string; problem: FieldProblem | undefined }) {
  const { item, lang, value } = props;
  const errorId = `${item.linkId}-error`;
  const error = props.problem && problemText(lang, props.problem);
  const optional = item.optional ? ` ${t(lang, "outcomesOptional")}` : "";
  if (item.kind === "text") {
    return (
      <div class="item">
        <label for={item.linkId}>
          {item.text}
          {optional}
        </label>
        <FieldError id={errorId} text={error} />
        <input
          type="text"
          id={item.linkId}
          name={item.linkId}
          value={value}
          maxlength={item.maxLength}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? "true" : undefined}
        />
      </div>
    );
  }
  // Number scales are big buttons; worded answers stay plain radios beside their (long) labels.
  const button = item.kind === "scale";
  return (
    <fieldset class="item" id={item.linkId} aria-describedby={error ? errorId : undefined}>
      <legend>
        {item.text}
        {optional}
      </legend>
      <FieldError id={errorId} text={error} />
      <div class={item.kind}>
        {item.options.map((o) => {
          const id = `${item.linkId}-${o.value}`;
          return (
            <span class="option">
              <input
                type="radio"
                class={button ? "choice-input" : undefined}
                name={item.linkId}
                id={id}
                value={o.value}
                checked={value === o.value}
                aria-invalid={error ? "true" : undefined}
              />
              <label for={id} class={button ? "choice-button" : undefined}>
                {o.label}
              </label>
            </span>
          );
        })}
      </div>
    </fieldset>
  );
}
