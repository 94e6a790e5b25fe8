// amity dashboard: small progressive enhancements only; every page works without script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Changing a menu in a filter form applies it at once.
  for (const select of document.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // Empty fields are left out of the query string, so shared links stay short.
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const field of form.querySelectorAll("input, select")) {
        if (!field.value) field.disabled = true;
      }
    });
  }
});
