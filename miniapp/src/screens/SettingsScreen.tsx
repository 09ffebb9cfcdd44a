import type { Lang } from '../i18n/i18n';
import { t } from '../i18n/i18n';
import { Icon } from '../components/Icon';
import { Link } from '../components/Link';
import { ScreenTitle } from '../components/ScreenTitle';
import { useStore } from '../lib/store';
import { prefsStore, TEXT_SIZES, updatePrefs, type TextSize } from '../state/prefs';
import { showToast } from '../state/toast';

function Choice<V extends string>(props: {
  name: string;
  value: V;
  checked: boolean;
  label: string;
  onPick(value: V): void;
  sample?: string;
}) {
  const id = `${props.name}-${props.value}`;
  return (
    <div class="choice">
      <input
        type="radio"
        id={id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={() => props.onPick(props.value)}
      />
      <label for={id}>
        <span>{props.label}</span>
        {props.sample && <span class={`sample sample-${props.value}`}>{props.sample}</span>}
      </label>
    </div>
  );
}

/** Text size (applies at once, everywhere, and is remembered) and language. */
export default function SettingsScreen() {
  const prefs = useStore(prefsStore);
  const save = (change: Parameters<typeof updatePrefs>[0]) =>
    void updatePrefs(change).then(() => showToast(t('settings.saved')));
  return (
    <div class="screen">
      <ScreenTitle>{t('settings.title')}</ScreenTitle>
      <fieldset class="choices">
        <legend>{t('settings.textSize')}</legend>
        {TEXT_SIZES.map((size) => (
          <Choice<TextSize>
            key={size}
            name="text-size"
            value={size}
            checked={prefs.textSize === size}
            label={t(`size.${size}`)}
            sample={t('settings.sample')}
            onPick={(textSize) => save({ textSize })}
          />
        ))}
      </fieldset>
      <fieldset class="choices">
        <legend>{t('settings.language')}</legend>
        {(['vi', 'en'] as Lang[]).map((lang) => (
          <Choice<Lang>
            key={lang}
            name="language"
            value={lang}
            checked={prefs.lang === lang}
            label={t(`lang.${lang}`)}
            onPick={(value) => save({ lang: value })}
          />
        ))}
      </fieldset>
      <Link page="about" class="row-link">
        <Icon name="info" />
        <span>{t('home.aboutLink')}</span>
        <Icon name="forward" />
      </Link>
    </div>
  );
}
