// A running import or matching job: its step and progress bar follow the job without reloading the page.
(function () {
  var progress = document.getElementById("job-progress");
  var url = progress.dataset.url;
  function poll() {
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (answer) { return answer.json(); })
      .then(function (job) {
        if (job.finished) { location.reload(); return; }
        document.getElementById("job-step").textContent = job.text;
        var bar = document.getElementById("job-bar");
        if (job.percent === null) { bar.removeAttribute("value"); } else { bar.value = job.percent; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(function () { location.reload(); }, 3000); });
  }
  setTimeout(poll, 1000);
})();
