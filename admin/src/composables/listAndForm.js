// One list of records with a create/edit dialog, the shape most plugin screens share (coupon
// templates, group-buy and bargain activities, membership tiers…). The screen says where the
// records live and how a row becomes a form and a form a request body; this keeps the loading,
// the dialog, the API's field errors on the form and the reload after saving.
import { onMounted, reactive, ref } from "vue";
import { ElMessage, ElMessageBox } from "element-plus";
import { api, fieldErrors } from "../api.js";
import { t } from "../i18n.js";
import { hasRole } from "../session.js";

/**
 * @param {object} options
 * @param {string} options.url           the collection: GET lists, POST creates, PATCH url/<id> updates, DELETE url/<id> removes
 * @param {() => object} options.emptyForm a new record's form; `id: null` marks it new
 * @param {(row) => object | Promise<object>} [options.fromRow] the form of an existing row (default: the row)
 * @param {(form) => object} options.createBody
 * @param {(form) => object} [options.updateBody] (default: createBody)
 * @param {(path: string) => string} [options.errorField] maps an error path to the form's field
 * @param {string[]} [options.roles] who may create and edit (default owner, operator)
 */
export function useListAndForm({ url, emptyForm, fromRow = (row) => row, createBody, updateBody = createBody, errorField, roles = ["owner", "operator"] }) {
  const rows = ref([]);
  const form = reactive(emptyForm());
  const errors = ref({});
  const dialogOpen = ref(false);
  const busy = ref(false);
  const canManage = hasRole(...roles);

  async function load() {
    try {
      rows.value = await api.get(url);
    } catch (failure) {
      ElMessage.error(failure.message);
    }
  }

  async function open(values) {
    Object.assign(form, emptyForm(), values);
    errors.value = {};
    dialogOpen.value = true;
  }

  const openCreate = () => open({});
  const openEdit = async (row) => open(await fromRow(row));

  /** Create or update from the form; true when saved, else the API's errors are on `errors`. */
  async function save() {
    busy.value = true;
    errors.value = {};
    try {
      if (form.id != null) await api.patch(`${url}/${form.id}`, updateBody(form));
      else await api.post(url, createBody(form));
      dialogOpen.value = false;
      ElMessage.success(t("saved"));
      await load();
      return true;
    } catch (failure) {
      const found = fieldErrors(failure);
      errors.value = errorField ? Object.fromEntries(Object.entries(found).map(([path, message]) => [errorField(path), message])) : found;
      ElMessage.error(failure.message);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Delete a row after asking (DELETE url/<id>). */
  async function remove(row) {
    try {
      await ElMessageBox.confirm(t("removeConfirm"), { type: "warning", confirmButtonText: t("confirm"), cancelButtonText: t("cancel") });
    } catch {
      return; // the staff member changed their mind
    }
    try {
      await api.delete(`${url}/${row.id}`);
      await load();
    } catch (failure) {
      ElMessage.error(failure.message);
    }
  }

  onMounted(load);
  return { rows, form, errors, dialogOpen, busy, canManage, load, openCreate, openEdit, save, remove };
}
