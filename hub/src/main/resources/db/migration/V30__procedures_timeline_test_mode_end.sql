-- Issue 5, the safety-centre console.

-- The procedure an operator follows per alarm type, in both console languages. Operators edit them; who changed
-- what is in the audit log. version counts edits, so a save made over an older copy is refused, not lost.
-- 'default' is the procedure for a type that has none of its own.
CREATE TABLE procedures (
    alarm_type text PRIMARY KEY,
    steps_zh   jsonb NOT NULL CHECK (jsonb_typeof(steps_zh) = 'array'),
    steps_en   jsonb NOT NULL CHECK (jsonb_typeof(steps_en) = 'array'),
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT 'system'
);

INSERT INTO procedures (alarm_type, steps_zh, steps_en) VALUES
('panic',
 '["立即拨打该校门卫室电话，核实报警情况", "确认已联动110（公安）并记录接警编号", "调取该校校门及周边视频，持续关注", "通知学校安全负责人及属地派出所，必要时派员到场", "现场处置完毕后填写处置说明并解除告警"]',
 '["Call the campus guard room at once and confirm the alarm", "Confirm the 110 (police) linkage and record the case number", "Bring up the campus gate cameras and keep watching", "Inform the campus safety officer and the local police station; dispatch someone if needed", "When it is dealt with, record what was done and resolve the alarm"]'),
('panic_tamper',
 '["联系学校门卫核实一键报警按钮状态", "按钮修复前请学校加强人工值守", "安排维修并记录"]',
 '["Call the guard room to check the panic button", "Ask the campus to staff the guard room until it is repaired", "Arrange a repair and record it"]'),
('link_lost',
 '["电话联系学校，确认网络与网关供电", "告知学校一键报警链路中断期间加强门卫人工值守", "通知运维人员排查并记录", "链路恢复后核对中断期间的补传告警"]',
 '["Call the campus to check the network and the gateway''s power", "Tell the campus to staff the guard room while the alarm link is down", "Ask the maintenance team to investigate and record it", "When the link is back, check the alarms delivered late for the outage"]'),
('gas_high',
 '["立即电话通知食堂关闭燃气总阀、开窗通风、禁止明火和开关电器", "必要时疏散人员并拨打119", "通知燃气公司检修", "记录浓度峰值与处置经过后解除告警"]',
 '["Call the canteen at once: close the main gas valve, open the windows, no flames, no switching of appliances", "Evacuate and call 119 if needed", "Ask the gas company to inspect", "Record the peak concentration and what was done, then resolve"]'),
('cold_store_high',
 '["通知食堂检查冷藏库制冷与门封", "评估库存食品安全，必要时封存", "记录超标时段和峰值（食品安全记录）"]',
 '["Ask the canteen to check the cold store''s cooling and door seal", "Assess the stored food; seal it if in doubt", "Record the excursion''s period and peak (the food-safety record)"]'),
('freezer_high',
 '["通知食堂检查冷冻柜制冷与门封", "评估冷冻食品是否解冻，必要时封存", "记录超标时段和峰值（食品安全记录）"]',
 '["Ask the canteen to check the freezer''s cooling and door seal", "Check whether frozen food has thawed; seal it if in doubt", "Record the excursion''s period and peak (the food-safety record)"]'),
('camera_offline',
 '["查看该摄像机所在位置及覆盖区域", "电话联系学校检查摄像机供电与网线", "该区域视频恢复前请学校安排人员巡查", "安排维修并记录"]',
 '["Look up where the camera is and what it covers", "Call the campus to check the camera''s power and cable", "Ask the campus to patrol that area until video is back", "Arrange a repair and record it"]'),
('video_loss',
 '["确认画面丢失的摄像机及覆盖区域", "电话联系学校检查镜头是否遮挡或损坏", "安排维修并记录"]',
 '["Confirm which camera lost its picture and what it covers", "Call the campus to check whether the lens is covered or damaged", "Arrange a repair and record it"]'),
('parent_offline',
 '["录像机（NVR）离线：其下所有摄像机均无录像", "电话联系学校检查录像机供电、网络与硬盘", "恢复前请学校加强重点区域人工巡查", "安排维修并记录"]',
 '["The NVR is offline: none of its cameras is recording", "Call the campus to check the NVR''s power, network and disks", "Ask the campus to patrol key areas until it is back", "Arrange a repair and record it"]'),
('device_offline',
 '["确认离线设备的类型和位置", "电话联系学校检查设备供电与网络", "安排维修并记录"]',
 '["Check what the offline device is and where", "Call the campus to check its power and network", "Arrange a repair and record it"]'),
('default',
 '["联系学校核实情况", "安排处置并记录处置说明"]',
 '["Call the campus to confirm", "Deal with it and record what was done"]');

-- Test mode can be ended early by an operator: the window's end moves to that moment (it only ever gets shorter),
-- and who ended it is kept with it.
ALTER TABLE panic_test_windows ADD COLUMN ended_early_by text;
ALTER TABLE panic_test_windows ADD COLUMN ended_early_at timestamptz;
CREATE INDEX panic_test_windows_campus ON panic_test_windows (campus_id, starts_at);

-- The campus page's 24-hour timeline reads the events a person would want to see (P0 presses and gas, the
-- gateway's local alarms), newest first; this small partial index keeps that from scanning the campus's telemetry.
CREATE INDEX events_campus_notable ON events (campus_id, source_ts) WHERE priority = 'P0' OR kind = 'alarm';
