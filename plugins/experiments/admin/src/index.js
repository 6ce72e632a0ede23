// The experiments plugin's admin bundle (../../hooks.py): the results screen, and what it
// mounts in the page editor through kaidian_register_admin_extensions — an action on the
// selected block, a mark on blocks under an experiment, and a page-experiment action.
export { default as ExperimentsScreen } from "./ExperimentsScreen.vue";
export { default as ExperimentBlockAction } from "./BlockAction.vue";
export { default as ExperimentBlockBadge } from "./BlockBadge.vue";
export { default as ExperimentPageAction } from "./PageAction.vue";
