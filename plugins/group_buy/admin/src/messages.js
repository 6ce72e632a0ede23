// The group-buy screen's texts; anything not here (save, cancel, name, status…) is the admin's.
export default {
  "zh-CN": {
    groupBuy: "拼团", newActivity: "新建活动", editActivity: "编辑活动", noActivities: "暂无活动", "activity.active": "进行中", "activity.stopped": "已停止",
    groupSizes: "成团人数", groupSizesHelp: "可选多档（阶梯团）", lowestGroupPrice: "最低团价", activityWindow: "活动时间", endsAt: "结束时间",
    maxUnitsPerOrder: "每单限购件数", groupPrices: "拼团价", sizePrice: "{n} 人团价（元）", windowHours: "成团时限（小时）",
    perCustomerGroups: "每人可参团次数", virtualFill: "模拟成团（已付比例 %）", off: "关闭", leaderDiscount: "团长优惠（元）",
  },
  en: {
    groupBuy: "Group buy", newActivity: "New activity", editActivity: "Edit activity", noActivities: "No activities yet", "activity.active": "Active", "activity.stopped": "Stopped",
    groupSizes: "Group sizes", groupSizesHelp: "One or a ladder", lowestGroupPrice: "Lowest group price", activityWindow: "Runs", endsAt: "Ends at",
    maxUnitsPerOrder: "Units per order", groupPrices: "Group prices", sizePrice: "{n}-person price (¥)", windowHours: "Group window (hours)",
    perCustomerGroups: "Groups per customer", virtualFill: "Virtual fill (% paid)", off: "Off", leaderDiscount: "Leader discount (¥)",
  },
};
