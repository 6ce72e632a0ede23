// The admin's own Vue, shared with plugin screens through the import map (index.html).
export * from "vue";
