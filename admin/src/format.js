// Money and time as the admin shows them. The API speaks integer fen and UTC instants; forms
// take yuan, and times show in the shop's business time zone (GET /api/admin/shop time_zone) —
// the zone its days and reports are counted in, wherever the staff member's browser is.
import { ref } from "vue";
import { locale } from "./i18n.js";

export const businessZone = ref("Asia/Shanghai");

export const yuan = (fen) => ((fen ?? 0) / 100).toFixed(2);
export const toFen = (yuanValue) => (yuanValue == null ? null : Math.round(yuanValue * 100));
export const when = (value) => (value ? new Date(value).toLocaleString(locale.value, { timeZone: businessZone.value }) : "");
