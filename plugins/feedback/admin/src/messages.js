// The feedback screen's texts; anything not here (save, status…) is the admin's.
export default {
  "zh-CN": {
    feedback: "订单评价", overview: "概览", answers: "评价列表", settings: "评价设置", days: "统计天数", nps: "NPS 净推荐值",
    answerCount: "评价数", promoters: "推荐者 (9–10)", passives: "中立者 (7–8)", detractors: "贬损者 (0–6)",
    requests: "已邀请", expired: "已过期", trend: "NPS 趋势", tagCounts: "标签统计", noAnswers: "暂无评价", score: "评分",
    tags: "标签", text: "内容", photos: "图片", customer: "顾客", orderNo: "订单号", time: "时间", lowOnly: "只看低分",
    delayHours: "邀请延迟（小时）", expireDays: "评价有效期（天）", lowScore: "低分阈值",
    shopTags: "评价标签", templateId: "订阅消息模板 ID", saved: "已保存", day: "日期", npsAxis: "NPS", answersAxis: "评价数",
    lowHint: "不高于此分的评价会以 feedback.low_score 事件推送到订阅了它的 Webhook",
  },
  en: {
    feedback: "Feedback", overview: "Overview", answers: "Answers", settings: "Settings", days: "Days", nps: "NPS",
    answerCount: "Answers", promoters: "Promoters (9–10)", passives: "Passives (7–8)", detractors: "Detractors (0–6)",
    requests: "Asked", expired: "Expired", trend: "NPS trend", tagCounts: "Tags", noAnswers: "No answers yet", score: "Score",
    tags: "Tags", text: "Text", photos: "Photos", customer: "Customer", orderNo: "Order", time: "Time", lowOnly: "Low scores only",
    delayHours: "Delay (hours)", expireDays: "Answer within (days)", lowScore: "Low-score threshold",
    shopTags: "Tags", templateId: "Subscribe-message template id", saved: "Saved", day: "Day", npsAxis: "NPS", answersAxis: "Answers",
    lowHint: "Answers scoring at or below it are sent as feedback.low_score to the webhooks subscribed to it",
  },
};
