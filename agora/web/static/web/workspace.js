/* Agora publisher workspace: a progress bar for file uploads (everything else works without
   JavaScript). The form is sent with XMLHttpRequest so that upload progress can be shown;
   the page the server answers with (the dataset with its new file, or the form with its
   errors) replaces the main content, and the address bar follows. A file above the upload
   limit is refused before a byte is sent. */
(function () {
  "use strict";

  function fieldError(form, input, message) {
    var field = input.closest(".field");
    var list = field.querySelector(".field-errors");
    if (!list) {
      list = document.createElement("ul");
      list.className = "field-errors";
      list.id = input.id + "_error";
      field.insertBefore(list, input);
    }
    list.innerHTML = "";
    var item = document.createElement("li");
    item.textContent = message;
    list.appendChild(item);
    field.classList.add("field-invalid");
    input.setAttribute("aria-invalid", "true");
    var described = (input.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(list.id) < 0) described.push(list.id);
    input.setAttribute("aria-describedby", described.join(" ").trim());
    input.focus();
  }

  function replaceMain(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("main");
    var main = document.querySelector("main");
    if (!fresh || !main) { window.location.assign(url); return; }
    main.replaceWith(fresh);
    document.title = doc.title;
    if (url && url !== window.location.href) window.history.replaceState(null, "", url);
    var summary = fresh.querySelector(".error-summary");
    (summary || fresh).focus();
    init(fresh);
  }

  function send(form, input) {
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var percent = box.querySelector(".upload-percent");
    var button = form.querySelector("[type=submit]");
    var xhr = new XMLHttpRequest();
    box.hidden = false;
    button.disabled = true;
    xhr.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable) return;
      var value = Math.round((event.loaded / event.total) * 100);
      bar.value = value;
      percent.textContent = value + "%";
    });
    xhr.addEventListener("load", function () {
      replaceMain(xhr.responseText, xhr.responseURL);
    });
    xhr.addEventListener("error", function () {
      box.hidden = true;
      button.disabled = false;
      fieldError(form, input, form.getAttribute("data-failed"));
    });
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.send(new FormData(form));
  }

  function init(root) {
    root.querySelectorAll("form[data-upload]").forEach(function (form) {
      var input = form.querySelector("input[type=file]");
      if (!input || !window.FormData || !window.DOMParser) return;
      var limit = parseInt(form.getAttribute("data-max-bytes"), 10);
      form.addEventListener("submit", function (event) {
        var file = input.files && input.files[0];
        if (!file) return; /* a link: an ordinary form submission */
        event.preventDefault();
        if (limit && file.size > limit) {
          fieldError(form, input, form.getAttribute("data-too-large"));
          return;
        }
        send(form, input);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
