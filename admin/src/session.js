// The signed-in staff member: token bound to one shop, the shops they may switch to.
import { reactive } from "vue";

const STORAGE_KEY = "kaidian.session";

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY)) ?? null;
  } catch {
    return null;
  }
}

export const session = reactive({ data: load() });

export function setSession(data) {
  session.data = data;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(data));
}

export function clearSession() {
  session.data = null;
  sessionStorage.removeItem(STORAGE_KEY);
}

export const token = () => session.data?.access_token ?? null;
export const hasRole = (...roles) => roles.includes(session.data?.role);
