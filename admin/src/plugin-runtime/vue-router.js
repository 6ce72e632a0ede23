// The admin's own router package, shared with plugin screens through the import map.
export * from "vue-router";
