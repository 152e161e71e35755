import { createContext, useContext } from 'react';
import { Lang, MessageKey, messages } from './i18n';

/** What every page reads from the shell: the language and its messages. */
export interface Ui {
  lang: Lang;
  t: (k: MessageKey) => string;
}

// Its own module so the pages do not import app.tsx, which imports them.
export const UiContext = createContext<Ui>({ lang: 'zh', t: (k) => messages.zh[k] });
export const useUi = () => useContext(UiContext);
