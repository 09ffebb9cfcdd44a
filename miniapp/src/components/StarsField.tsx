import { Icon } from './Icon';

/**
 * 1–5 stars as radio buttons, each labelled with its number and a word ("5 – Rất hài lòng"): big
 * targets, and a screen reader hears the meaning, not just a count. Used to rate a returned dossier
 * and a resolved report.
 */
export function StarsField(props: {
  legend: string;
  /** The radio group's name; ids are `${idPrefix}-1` … `${idPrefix}-5`. */
  name: string;
  idPrefix: string;
  /** The five words, for one to five stars. */
  words: readonly string[];
  value: number;
  onChange(value: number): void;
}) {
  return (
    <fieldset class="stars">
      <legend>{props.legend}</legend>
      {props.words.map((word, i) => (
        <div class="star" key={word}>
          <input
            type="radio"
            name={props.name}
            id={`${props.idPrefix}-${i + 1}`}
            value={i + 1}
            checked={props.value === i + 1}
            onChange={() => props.onChange(i + 1)}
          />
          <label for={`${props.idPrefix}-${i + 1}`}>
            <span class="star-icons" aria-hidden="true">
              {Array.from({ length: 5 }, (_, s) => (
                <Icon key={s} name="star" size={28} class={s <= i ? 'star-on' : 'star-off'} />
              ))}
            </span>
            <span>
              {i + 1} – {word}
            </span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}
