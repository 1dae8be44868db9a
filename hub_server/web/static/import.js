// The import form: a file larger than the hub takes is refused here, before minutes of upload on a slow link.
document.getElementById("import-form").addEventListener("submit", function (event) {
  var file = this.elements.file.files[0];
  if (file && file.size > Number(this.dataset.max)) {
    event.preventDefault();
    document.getElementById("too-large").hidden = false;
  }
});
