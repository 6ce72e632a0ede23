// The bargain screen's texts; anything not here (save, cancel, name, status…) is the admin's.
export default {
  "zh-CN": {
    bargainTitle: "砍价", newActivity: "新建活动", editActivity: "编辑活动", noActivities: "暂无活动", "activity.active": "进行中", "activity.stopped": "已停止",
    activityWindow: "活动时间", endsAt: "结束时间", off: "关闭",
    bargainPrices: "原价 → 底价", helpersNeeded: "需助力人数", bargainsStarted: "已发起", startPrice: "起砍价（元）", floorPrice: "底价（元）",
    helpersMin: "最少助力人数（随机）", durationMinutes: "砍价时限（分钟）", bargainsPerCustomer: "每人可发起次数",
    cutsPerActivity: "每人每活动可助力次数", cutsPerDay: "每人每天可助力次数", minAccountAge: "助力账号注册满（小时）",
    allowSelfCut: "允许自己砍一刀", buyAtCurrentPrice: "到期可按当前价购买",
  },
  en: {
    bargainTitle: "Bargains", newActivity: "New activity", editActivity: "Edit activity", noActivities: "No activities yet", "activity.active": "Active", "activity.stopped": "Stopped",
    activityWindow: "Runs", endsAt: "Ends at", off: "Off",
    bargainPrices: "Start → floor", helpersNeeded: "Helpers needed", bargainsStarted: "Started", startPrice: "Start price (¥)", floorPrice: "Floor price (¥)",
    helpersMin: "Fewest helpers (random)", durationMinutes: "Duration (minutes)", bargainsPerCustomer: "Bargains per customer",
    cutsPerActivity: "Cuts per helper per activity", cutsPerDay: "Cuts per helper per day", minAccountAge: "Helper account age (hours)",
    allowSelfCut: "Starter may cut", buyAtCurrentPrice: "Buy at the reached price after expiry",
  },
};
