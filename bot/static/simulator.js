// The simulator page: every action posts to /api/chat, which runs the same engine as WeChat.
(function () {
  "use strict";
  var phone = document.getElementById("phone");
  var chat = document.getElementById("chat");
  var picker = document.getElementById("resident");
  var custom = document.getElementById("resident-custom");
  var input = document.getElementById("text");
  var histories = {};  // each resident keeps their own conversation on screen
  // Used when the browser has no geolocation or the resident declines it.
  var SAMPLE_PLACE = { lat: 30.274085, lng: 120.155070, label: "幸福社区居委会（示例位置）" };

  function currentUser() {
    return picker.value || custom.value.trim();
  }

  function bubble(who, text, kind) {
    var row = document.createElement("div");
    row.className = "row " + who;
    var avatar = document.createElement("div");
    avatar.className = "avatar";
    avatar.textContent = who === "me" ? "我" : "民";
    var body = document.createElement("div");
    body.className = "bubble" + (kind ? " " + kind : "");
    body.textContent = text;  // never innerHTML: replies echo what residents typed
    row.appendChild(avatar);
    row.appendChild(body);
    return row;
  }

  function show(who, text, kind) {
    var user = currentUser();
    var row = bubble(who, text, kind);
    (histories[user] = histories[user] || []).push(row);
    chat.appendChild(row);
    chat.scrollTop = chat.scrollHeight;
  }

  function redraw() {
    Array.prototype.slice.call(chat.querySelectorAll(".row, .system")).forEach(function (n) { n.remove(); });
    (histories[currentUser()] || []).forEach(function (row) { chat.appendChild(row); });
    chat.scrollTop = chat.scrollHeight;
  }

  function post(payload) {
    var user = currentUser();
    if (!user) { alert("请先选择或输入居民编号"); return; }
    payload.user = user;
    fetch(phone.dataset.chatUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload)
    }).then(function (res) {
      return res.json().then(function (data) { return { ok: res.ok, data: data }; });
    }).then(function (r) {
      if (!r.ok) { show("bot", "（请求出错：" + (r.data.error || "未知错误") + "）", "event"); return; }
      r.data.replies.forEach(function (text) { show("bot", text); });
      pollOutbox();  // staff replies and notices waiting since the last poll, as WeChat would have pushed them
    }).catch(function () {
      show("bot", "（网络连接失败，请稍后再试）", "event");
    });
  }

  document.getElementById("inputbar").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value;
    if (!text.trim()) return;
    show("me", text);
    input.value = "";
    post({ text: text });
  });

  document.querySelectorAll(".menu-top").forEach(function (top) {
    top.addEventListener("click", function () {
      var sub = top.nextElementSibling;
      var wasHidden = sub.hidden;
      document.querySelectorAll(".submenu").forEach(function (s) { s.hidden = true; });
      sub.hidden = !wasHidden;
    });
  });

  document.querySelectorAll(".menu-item").forEach(function (item) {
    item.addEventListener("click", function () {
      item.parentElement.hidden = true;
      show("me", "点击菜单：" + item.dataset.name, "event");
      post({ event: "click", key: item.dataset.key });
    });
  });

  function sendPlace(place) {
    show("me", "[位置] " + place.label + "\n" + place.lat.toFixed(5) + ", " + place.lng.toFixed(5));
    post({ location: place });
  }

  document.getElementById("location").addEventListener("click", function () {
    if (!navigator.geolocation) { sendPlace(SAMPLE_PLACE); return; }
    navigator.geolocation.getCurrentPosition(function (pos) {
      sendPlace({ lat: pos.coords.latitude, lng: pos.coords.longitude, label: "我的当前位置" });
    }, function () { sendPlace(SAMPLE_PLACE); }, { timeout: 5000 });
  });

  // Scanning a 带参数二维码: the admin's WeChat-binding page shows the scene to paste here.
  document.getElementById("scan").addEventListener("click", function () {
    var scene = (window.prompt("输入二维码的场景值（管理后台“微信绑定”页上的绑定码）") || "").trim();
    if (!scene) return;
    show("me", "[扫码] " + scene, "event");
    post({ event: "scan", key: scene });
  });

  picker.addEventListener("change", function () {
    custom.hidden = picker.value !== "";
    if (!custom.hidden) custom.focus();
    redraw();
  });
  custom.addEventListener("change", redraw);

  // Messages the bot sends later (order accepted, due reminders) arrive through the outbox.
  function pollOutbox() {
    var user = currentUser();
    if (!user) return;
    fetch(phone.dataset.outboxUrl + "?user=" + encodeURIComponent(user))
      .then(function (res) { return res.ok ? res.json() : []; })
      .then(function (items) {
        (items || []).forEach(function (m) { show("bot", typeof m === "string" ? m : m.text); });
      }).catch(function () {});
  }
  setInterval(pollOutbox, 1000 * (Number(phone.dataset.outboxSeconds) || 10));
})();
