// The admin talks only to the documented /api/admin routes. Errors are problem objects
// {code, message, field, errors}; a 401 ends the session.
import { locale } from "./i18n.js";
import { clearSession, token } from "./session.js";
import { router } from "./router.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.message || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

export async function request(method, path, body, { raw = false } = {}) {
  const headers = { "Accept-Language": locale.value };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const form = body instanceof FormData; // multipart: the browser sets the boundary itself
  if (body !== undefined && !form) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      /* not JSON */
    }
    if (response.status === 401 && token()) {
      clearSession();
      router.push({ name: "login" });
    }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  return response.json();
}

export const api = {
  get: (path) => request("GET", path),
  post: (path, body) => request("POST", path, body ?? {}),
  put: (path, body) => request("PUT", path, body),
  patch: (path, body) => request("PATCH", path, body),
  delete: (path) => request("DELETE", path),
  upload: (path, form) => request("POST", path, form),
};

// 422 errors [{field: "$.a.b", message}] keyed by the path below the body's root.
export function fieldErrors(error, prefix = "$") {
  const errors = {};
  for (const item of error?.problem?.errors ?? []) {
    const path = item.field ?? item.path ?? "";
    if (path.startsWith(prefix)) errors[path.slice(prefix.length).replace(/^\./, "")] = item.message?.[locale.value] ?? item.message;
  }
  if (!Object.keys(errors).length && error?.problem?.field) errors[error.problem.field.replace(/^\$\.?/, "")] = error.problem.message;
  return errors;
}
