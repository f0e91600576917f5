/**
 * A labelled progress bar: the native <progress> element (accessible, no inline style), with
 * the numbers in words beside it ("6 of 12 visits"). `value` may exceed `max` (a plan can be
 * exceeded): the words keep the real number, the bar stops at full.
 */
export function ProgressBar(props: { id: string; value: number; max: number; text: string }) {
  const max = Math.max(1, props.max);
  const percent = Math.min(100, Math.round((props.value / max) * 100));
  return (
    <div class="progress-bar">
      <progress id={props.id} value={Math.min(props.value, max)} max={max} aria-labelledby={`${props.id}-label`}>
        {percent}%
      </progress>
      <span id={`${props.id}-label`} class="progress-label">
        {props.text}
      </span>
    </div>
  );
}
