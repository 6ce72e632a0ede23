// The plugin's admin screens: each named export is a Vue component that hooks.py registers
// with kaidian_register_admin_screens(register) as register(path, "<export name>", bundle).
export { default as NotesScreen } from "./NotesScreen.vue";
