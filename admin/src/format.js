// Money and time as the admin shows them. The API speaks integer fen and UTC instants; forms
// take yuan, and times show in the browser's zone in the chosen language.
import { locale } from "./i18n.js";

export const yuan = (fen) => ((fen ?? 0) / 100).toFixed(2);
export const toFen = (yuanValue) => (yuanValue == null ? null : Math.round(yuanValue * 100));
export const when = (value) => (value ? new Date(value).toLocaleString(locale.value) : "");
