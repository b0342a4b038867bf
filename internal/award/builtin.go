package award

// The built-in catalogue and eligibility rules. Everything here comes from
// /work/shared/design/OFFICIAL-FORMAT.md part B: a rule is Confirmed only
// where that reference quotes the legal text (Luật Thi đua, khen thưởng 2022
// Điều 73 khoản 1 and Điều 44 khoản 2; Nghị định 152/2025 Điều 4); the rest
// is guidance marked "chưa xác nhận" in its article and quote. Nothing is
// invented: a rule the reference does not give is left out, and a form whose
// criteria it does not give carries a guidance rule saying so. Provinces set
// details, so every row stays editable by the agency.

// Codes of the built-in forms.
const (
	FormHCLDBa     = "hcld_hang_ba"
	FormBKTTg      = "bk_ttg"
	FormBKTinh     = "bk_tinh"
	FormGiayKhen   = "giay_khen"
	FormCSTDCS     = "cstdcs"
	FormLDTT       = "ldtt"
	FormTTLDXS     = "ttldxs"
	formAnyCode    = "*" // a rule of every form
	dateLuat2022   = "2024-01-01"
	dateND152      = "2025-07-01"
	luat2022       = "Luật Thi đua, khen thưởng số 06/2022/QH15"
	luat2022Short  = "Luật Thi đua, khen thưởng 2022"
	nd152          = "Nghị định 152/2025/NĐ-CP"
	refB4          = "Tài liệu tham chiếu: OFFICIAL-FORMAT.md, mục B.4 (tiêu chuẩn)."
	refB1          = "Tài liệu tham chiếu: OFFICIAL-FORMAT.md, mục B.1 (căn cứ pháp lý)."
	refB5          = "Tài liệu tham chiếu: OFFICIAL-FORMAT.md, mục B.5 (thẩm quyền, hồ sơ)."
	srcLuatChuong4 = "https://vietjack.me/phap-luat/luat-thi-dua-khen-thuong-2022/chuong-iv-962.html"
	srcDieu73      = "https://nguoi-noi-tieng.com/xa-hoi/cac-tieu-chuan-dieu-kien-can-thiet-de-duoc-nhan-bang-khen-thu-tuong-chinh-phu-nam-2024-1671902"
	srcDieu44      = "https://thuvienphapluat.vn/phap-luat/dieu-kien-de-cong-nhan-nong-dan-duoc-tang-huan-chuong-lao-dong-hang-ba-mau-huan-chuong-lao-dong-han-213764-178092.html"
	srcND152       = "GitHub tnt305/tai_lieu_noi_bo, src/etl/dataset/0a2c9cdccc620fd0.md (bài “Tải file 11 mẫu báo cáo thành tích theo Nghị định 152/2025”)"
	srcND152Bonus  = "https://ngoisao.vn/theo-dong-su-kien/tin-nong-trong-ngay/tin-vui-cong-chuc-vien-chuc-se-duoc-thuong-hon-8000000-dong-neu-dat-duoc-thanh-tich-nay-463849.htm"
	srcHoSoTW      = "http://banthiduakhenthuongtw.gov.vn/noi-dung/1396/Ho-so-va-so-luong-ho-so-de-nghi-khen-thuong"
	srcNone        = "Tài liệu tham chiếu (OFFICIAL-FORMAT.md) không trích tiêu chuẩn này; cần đối chiếu văn bản gốc và quy chế thi đua, khen thưởng của tỉnh."
)

func lines(ss ...string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += "\n"
		}
		out += s
	}
	return out
}

// BuiltinForms is the catalogue every agency starts with.
func BuiltinForms() []Form {
	forms := []Form{
		{Code: FormHCLDBa, Name: "Huân chương Lao động hạng Ba", Kind: KindForm, Target: TargetBoth, Level: 40,
			Authority: "Chủ tịch nước", LegalBasis: luat2022 + ", Điều 44", ValidFrom: dateLuat2022, Copies: 3, Confirmed: true,
			Source: lines(srcDieu44, srcLuatChuong4, srcHoSoTW, refB4, refB5),
			Note: "Đã xác nhận: Điều 44 khoản 2 (công nhân, nông dân, người lao động). Chưa xác nhận: khoản 1 (cán bộ, công chức, viên chức), " +
				"nội dung khoản 3 (doanh nhân, trí thức, nhà khoa học) và khoản về tập thể. Thẩm quyền (Chủ tịch nước) và số bộ hồ sơ " +
				"(03 bộ bản chính, theo hướng dẫn trước năm 2024 của Ban Thi đua - Khen thưởng Trung ương) chưa đối chiếu Nghị định 152/2025."},
		{Code: FormBKTTg, Name: "Bằng khen của Thủ tướng Chính phủ", Kind: KindForm, Target: TargetBoth, Level: 30,
			Authority: "Thủ tướng Chính phủ", LegalBasis: luat2022 + ", Điều 73", ValidFrom: dateLuat2022, Copies: 2, Confirmed: true,
			Source: lines(srcDieu73, srcLuatChuong4, srcHoSoTW, srcND152Bonus, refB4, refB5),
			Note: "Đã xác nhận: Điều 73 khoản 1 (cá nhân), trừ phần cuối điểm d. Chưa xác nhận: khoản 2 (tập thể), khoản 3 (hộ gia đình) " +
				"và thời gian tối thiểu của phong trào theo chuyên đề. Số bộ hồ sơ (02 bộ bản chính) theo hướng dẫn trước năm 2024 của " +
				"Ban Thi đua - Khen thưởng Trung ương, cần đối chiếu Nghị định 152/2025. Mức tiền thưởng: Nghị định 152/2025 Điều 54 khoản 1."},
		{Code: FormBKTinh, Name: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", Kind: KindForm, Target: TargetBoth, Level: 20,
			Authority:  "Chủ tịch Ủy ban nhân dân tỉnh",
			LegalBasis: luat2022 + ", Điều 74 (số điều có khả năng đúng, chưa xác nhận); quy chế thi đua, khen thưởng của tỉnh",
			ValidFrom:  dateLuat2022, Confirmed: false,
			Source: lines(srcLuatChuong4, "Thông tư 15/2025/TT-BXD dẫn “khoản 6 Điều 74” (theo tài liệu tham chiếu).", refB4, refB5),
			Note: "Chưa xác nhận: tiêu chuẩn. Khoản 6 cho phép Bộ, ngành, tỉnh quy định chi tiết: quy chế (quy định) thi đua, khen thưởng " +
				"của tỉnh, ban hành bằng Quyết định của UBND tỉnh, là căn cứ áp dụng về tiêu chuẩn và số lượng. Số bộ hồ sơ theo quy định " +
				"của tỉnh (thường 01 bộ, chưa xác nhận)."},
		{Code: FormGiayKhen, Name: "Giấy khen", Kind: KindForm, Target: TargetBoth, Level: 10,
			Authority:  "Thủ trưởng cơ quan, đơn vị",
			LegalBasis: luat2022 + ", Điều 75 (tiêu chuẩn chưa xác nhận)", ValidFrom: dateLuat2022, Confirmed: false,
			Source: lines(srcLuatChuong4, refB4, refB5),
			Note: "Chưa xác nhận: tiêu chuẩn; khoản 2 giao Bộ, ngành, tỉnh quy định chi tiết. Người tặng: thủ trưởng cơ quan, đơn vị, " +
				"Chủ tịch UBND cấp xã (trước 01/7/2025 có cả cấp huyện). Số bộ hồ sơ theo quy định của cơ quan (chưa xác nhận)."},
		{Code: FormCSTDCS, Name: "Chiến sĩ thi đua cơ sở", Kind: KindTitle, Target: TargetStaff,
			Authority: "Thủ trưởng cơ quan, đơn vị (chưa xác nhận)", LegalBasis: luat2022 + " (điều, khoản chưa xác nhận)",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(srcNone, refB4),
			Note: "Được tính trong tiêu chuẩn Bằng khen của Thủ tướng Chính phủ (Điều 73 khoản 1 điểm b: 03 lần trong thời gian " +
				"liên tục từ 05 năm). Tiêu chuẩn của danh hiệu chưa có trong tài liệu tham chiếu."},
		{Code: FormLDTT, Name: "Lao động tiên tiến", Kind: KindTitle, Target: TargetStaff,
			Authority: "Thủ trưởng cơ quan, đơn vị (chưa xác nhận)", LegalBasis: luat2022 + " (điều, khoản chưa xác nhận)",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(srcNone),
			Note: "Tiêu chuẩn của danh hiệu chưa có trong tài liệu tham chiếu."},
		{Code: FormTTLDXS, Name: "Tập thể lao động xuất sắc", Kind: KindTitle, Target: TargetUnit,
			Authority: "Thủ trưởng cơ quan, đơn vị (chưa xác nhận)", LegalBasis: luat2022 + " (điều, khoản chưa xác nhận)",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(srcNone),
			Note: "Tiêu chuẩn của danh hiệu chưa có trong tài liệu tham chiếu."},
	}
	for i := range forms {
		forms[i].Builtin, forms[i].Active, forms[i].SortOrder = true, true, (i+1)*10
	}
	return forms
}

// Parameters of the built-in rules, as JSON.
const (
	paramsBKBoTinh = `{"forms":["bk_tinh"],"titles":["bang khen"],"notTitles":["thu tuong"],"excludeThematic":true,` +
		`"label":"Đã được tặng bằng khen của Bộ, ban, ngành, tỉnh"}`
	paramsCSTDCS3in5 = `{"forms":["cstdcs"],"titles":["chien si thi dua co so"],"min":3,"years":5,"excludeThematic":true,` +
		`"label":"trong thời gian đó có 03 lần được tặng danh hiệu “Chiến sĩ thi đua cơ sở”"}`
	paramsHTTNV5 = `{"label":"có liên tục từ 05 năm trở lên đến thời điểm đề nghị được công nhận hoàn thành tốt nhiệm vụ trở lên"}`
)

// BuiltinRules is the rule set every agency starts with.
func BuiltinRules() []Rule {
	const (
		d73k1  = luat2022Short + ", Điều 73, khoản 1"
		d44k2  = luat2022Short + ", Điều 44, khoản 2"
		d4k3   = nd152 + ", Điều 4, khoản 3"
		unconf = " (chưa xác nhận)"
	)
	thematicQuote := "Kết quả khen thưởng thành tích đột xuất, thi đua theo chuyên đề không dùng làm căn cứ để đề nghị cấp trên khen thưởng công trạng."
	rules := []Rule{
		// Bằng khen của Thủ tướng Chính phủ, cá nhân: Điều 73 khoản 1.
		{Code: "bk_ttg.k1.chap_hanh", FormCode: FormBKTTg, Target: TargetStaff, Check: CheckGuidance, Params: `{}`,
			Article: d73k1, Quote: "Tặng hoặc truy tặng cho cá nhân “chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước” " +
				"và đạt một trong các tiêu chuẩn sau (điểm a đến d). Điều kiện chấp hành tốt chủ trương, chính sách, pháp luật: " +
				"chương trình không có dữ liệu để kiểm tra, cần xác nhận khi xét.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu73, refB4)},
		{Code: "bk_ttg.k1.a", FormCode: FormBKTTg, Target: TargetStaff, GroupCode: "bk_ttg.k1", Check: CheckCouncilPassed, Params: `{}`,
			Article: d73k1 + ", điểm a", Quote: "a) Có thành tích xuất sắc tiêu biểu, được bình xét trong phong trào thi đua.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu73, refB4)},
		{Code: "bk_ttg.k1.b", FormCode: FormBKTTg, Target: TargetStaff, GroupCode: "bk_ttg.k1", Check: CheckAllOf,
			Params: `{"parts":[{"check":"history_has","params":` + paramsBKBoTinh + `},` +
				`{"check":"history_count","params":` + paramsCSTDCS3in5 + `},` +
				`{"check":"manual","params":` + paramsHTTNV5 + `}]}`,
			Article: d73k1 + ", điểm b",
			Quote: "b) Đã được tặng bằng khen của Bộ, ban, ngành, tỉnh và có liên tục từ 05 năm trở lên đến thời điểm đề nghị " +
				"được công nhận hoàn thành tốt nhiệm vụ trở lên, trong thời gian đó có 03 lần được tặng danh hiệu “Chiến sĩ thi đua cơ sở”.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu73, srcND152, refB4)},
		{Code: "bk_ttg.k1.c", FormCode: FormBKTTg, Target: TargetStaff, GroupCode: "bk_ttg.k1", Check: CheckManual, Params: `{}`,
			Article:   d73k1 + ", điểm c",
			Quote:     "c) Lập được nhiều thành tích hoặc thành tích đột xuất, có phạm vi ảnh hưởng trong Bộ, ban, ngành, tỉnh hoặc được giải thưởng ở khu vực.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu73, refB4)},
		{Code: "bk_ttg.k1.d", FormCode: FormBKTTg, Target: TargetStaff, GroupCode: "bk_ttg.k1", Check: CheckManual, Params: `{}`,
			Article:   d73k1 + ", điểm d",
			Quote:     "d) Có đóng góp vào sự phát triển kinh tế - xã hội… (phần còn lại của điểm d chưa xác nhận).",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(srcDieu73, refB4)},
		{Code: "bk_ttg.nd152.d4k3", FormCode: FormBKTTg, Target: TargetBoth, Check: CheckThematicNote, Params: `{}`,
			Article: d4k3, Quote: thematicQuote, ValidFrom: dateND152, Confirmed: true, Source: lines(srcND152, refB1)},
		{Code: "bk_ttg.k2.tap_the", FormCode: FormBKTTg, Target: TargetUnit, Check: CheckGuidance, Params: `{}`,
			Article: luat2022Short + ", Điều 73, khoản 2" + unconf,
			Quote: "Chưa xác nhận: khoản 2 (tập thể) được cho là tương tự khoản 1 — thành tích xuất sắc tiêu biểu trong phong trào " +
				"thi đua, thành tích đột xuất, đóng góp…",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(refB4)},
		{Code: "bk_ttg.chuyen_de", FormCode: FormBKTTg, Target: TargetBoth, Check: CheckGuidance, Params: `{}`,
			Article: nd152 + unconf,
			Quote: "Chưa xác nhận: thời gian tối thiểu của phong trào thi đua theo chuyên đề để đề nghị Bằng khen của Thủ tướng " +
				"Chính phủ do nghị định quy định (Nghị định 98/2023, nay là Nghị định 152/2025).",
			ValidFrom: dateND152, Confirmed: false, Source: lines(refB4)},

		// Huân chương Lao động hạng Ba: Điều 44 khoản 2.
		{Code: "hcld.k2.doi_tuong", FormCode: FormHCLDBa, Target: TargetStaff, Check: CheckStaffCategory,
			Params:  `{"in":["nguoi_lao_dong"],"otherwise":"unknown"}`,
			Article: d44k2, Quote: "Khoản 2 áp dụng cho công nhân, nông dân, người lao động (trong chương trình: cán bộ thuộc nhóm “người lao động”).",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu44, refB4)},
		{Code: "hcld.k2.chap_hanh", FormCode: FormHCLDBa, Target: TargetStaff, Check: CheckGuidance, Params: `{}`,
			Article: d44k2, Quote: "Người “chấp hành tốt chủ trương… pháp luật” và đạt một trong các tiêu chuẩn sau. Điều kiện này chương " +
				"trình không có dữ liệu để kiểm tra, cần xác nhận khi xét.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu44, refB4)},
		{Code: "hcld.k2.a", FormCode: FormHCLDBa, Target: TargetStaff, GroupCode: "hcld.k2", Check: CheckAllOf,
			Params: `{"parts":[{"check":"campaign_years","params":{"min":5,"stages":["so_ket","tong_ket"],` +
				`"label":"được bình xét khi sơ kết, tổng kết phong trào thi đua … có thời gian thực hiện từ 05 năm trở lên"}},` +
				`{"check":"manual","params":{"label":"phong trào thi đua do Bộ, ban, ngành, tỉnh phát động"}}]}`,
			Article: d44k2 + ", tiêu chuẩn thứ nhất",
			Quote: "Có thành tích xuất sắc tiêu biểu, được bình xét khi sơ kết, tổng kết phong trào thi đua do Bộ, ban, ngành, tỉnh " +
				"phát động có thời gian thực hiện từ 05 năm trở lên.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu44, refB4)},
		{Code: "hcld.k2.b", FormCode: FormHCLDBa, Target: TargetStaff, GroupCode: "hcld.k2", Check: CheckManual, Params: `{}`,
			Article: d44k2 + ", tiêu chuẩn thứ hai",
			Quote: "Có phát minh, sáng chế được ứng dụng mang lại hiệu quả cao, có phạm vi ảnh hưởng và nêu gương ở một trong các " +
				"lĩnh vực thuộc phạm vi quản lý của Bộ, ban, ngành, tỉnh; hoặc công trình khoa học và công nghệ hoặc tác phẩm xuất sắc " +
				"tiêu biểu ở một trong các lĩnh vực đó.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu44, refB4)},
		{Code: "hcld.k2.c", FormCode: FormHCLDBa, Target: TargetStaff, GroupCode: "hcld.k2", Check: CheckManual, Params: `{}`,
			Article: d44k2 + ", tiêu chuẩn thứ ba",
			Quote: "Có nhiều đóng góp vào sự phát triển kinh tế - xã hội của đất nước, bảo đảm an sinh xã hội, từ thiện nhân đạo, " +
				"ứng dụng tiến bộ khoa học, kỹ thuật.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu44, refB4)},
		{Code: "hcld.k2.d", FormCode: FormHCLDBa, Target: TargetStaff, GroupCode: "hcld.k2", Check: CheckManual, Params: `{}`,
			Article:   d44k2 + ", tiêu chuẩn thứ tư",
			Quote:     "Có thành tích xuất sắc đột xuất trong lao động, công tác, sản xuất, kinh doanh, học tập và nghiên cứu khoa học…",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(srcDieu44, refB4)},
		{Code: "hcld.nd152.d4k3", FormCode: FormHCLDBa, Target: TargetBoth, Check: CheckThematicNote, Params: `{}`,
			Article: d4k3, Quote: thematicQuote, ValidFrom: dateND152, Confirmed: true, Source: lines(srcND152, refB1)},
		{Code: "hcld.k1", FormCode: FormHCLDBa, Target: TargetStaff, Check: CheckGuidance, Params: `{}`,
			Article:   luat2022Short + ", Điều 44, khoản 1" + unconf,
			Quote:     "Chưa xác nhận: khoản 1 (cán bộ, công chức, viên chức; khen thưởng quá trình cống hiến, công trạng).",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(refB4)},
		{Code: "hcld.k3", FormCode: FormHCLDBa, Target: TargetStaff, Check: CheckGuidance, Params: `{}`,
			Article:   luat2022Short + ", Điều 44, khoản 3" + unconf,
			Quote:     "Khoản 3 áp dụng cho doanh nhân, trí thức, nhà khoa học; nội dung tiêu chuẩn chưa xác nhận.",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(refB4)},
		{Code: "hcld.tap_the", FormCode: FormHCLDBa, Target: TargetUnit, Check: CheckGuidance, Params: `{}`,
			Article: luat2022Short + ", Điều 44, khoản về tập thể" + unconf,
			Quote: "Chưa xác nhận: được cho là gồm “thành tích xuất sắc tiêu biểu … sơ kết, tổng kết phong trào thi đua … từ 05 năm " +
				"trở lên” và “thành tích xuất sắc đột xuất”.",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(refB4)},

		// Bằng khen của Chủ tịch UBND tỉnh: Điều 74 (likely), criteria unconfirmed.
		{Code: "bk_tinh.d74", FormCode: FormBKTinh, Target: TargetBoth, Check: CheckGuidance, Params: `{}`,
			Article: luat2022Short + ", Điều 74" + unconf,
			Quote: "Chưa xác nhận: thành tích xuất sắc được bình xét trong phong trào thi đua do Bộ, ngành, tỉnh phát động; thành tích " +
				"đột xuất; 02 năm liên tục hoàn thành xuất sắc nhiệm vụ; đóng góp lớn…",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(refB4)},
		{Code: "bk_tinh.d74k6", FormCode: FormBKTinh, Target: TargetBoth, Check: CheckGuidance, Params: `{}`,
			Article: luat2022Short + ", Điều 74, khoản 6" + unconf,
			Quote: "Bộ, ngành, tỉnh quy định chi tiết tiêu chuẩn: quy chế (quy định) thi đua, khen thưởng của tỉnh, ban hành bằng " +
				"Quyết định của UBND tỉnh, là căn cứ áp dụng về tiêu chuẩn và số lượng (tóm tắt, chưa xác nhận nguyên văn).",
			ValidFrom: dateLuat2022, Confirmed: false,
			Source: lines("Thông tư 15/2025/TT-BXD dẫn “khoản 6 Điều 74” (theo tài liệu tham chiếu).", refB4)},
		{Code: "bk_tinh.nd152.d4k3", FormCode: FormBKTinh, Target: TargetBoth, Check: CheckThematicNote, Params: `{}`,
			Article: d4k3, Quote: thematicQuote, ValidFrom: dateND152, Confirmed: true, Source: lines(srcND152, refB1)},

		// Giấy khen: Điều 75, criteria unconfirmed.
		{Code: "giay_khen.d75", FormCode: FormGiayKhen, Target: TargetBoth, Check: CheckGuidance, Params: `{}`,
			Article: luat2022Short + ", Điều 75" + unconf,
			Quote: "Chưa xác nhận: thành tích tiêu biểu trong phong trào thi đua, thành tích đột xuất, hoàn thành tốt nhiệm vụ…; " +
				"khoản 2 giao Bộ, ngành, tỉnh quy định chi tiết.",
			ValidFrom: dateLuat2022, Confirmed: false, Source: lines(refB4)},

		// Titles: criteria not in the reference.
		{Code: "cstdcs.tieu_chuan", FormCode: FormCSTDCS, Target: TargetStaff, Check: CheckGuidance, Params: `{}`,
			Article: luat2022Short + unconf, Quote: titleQuote, ValidFrom: dateLuat2022, Confirmed: false, Source: srcNone},
		{Code: "ldtt.tieu_chuan", FormCode: FormLDTT, Target: TargetStaff, Check: CheckGuidance, Params: `{}`,
			Article: luat2022Short + unconf, Quote: titleQuote, ValidFrom: dateLuat2022, Confirmed: false, Source: srcNone},
		{Code: "ttldxs.tieu_chuan", FormCode: FormTTLDXS, Target: TargetUnit, Check: CheckGuidance, Params: `{}`,
			Article: luat2022Short + unconf, Quote: titleQuote, ValidFrom: dateLuat2022, Confirmed: false, Source: srcNone},

		// Principles of every form.
		{Code: "chung.mot_thanh_tich", FormCode: formAnyCode, Target: TargetBoth, Check: CheckGuidance, Params: `{}`,
			Article:   luat2022Short + " (nguyên tắc khen thưởng; số điều chưa ghi trong tài liệu tham chiếu)",
			Quote:     "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích đạt được; thành tích đến đâu khen thưởng đến đó.",
			ValidFrom: dateLuat2022, Confirmed: true, Source: lines(refB1)},
		{Code: "chung.uu_tien_nu", FormCode: formAnyCode, Target: TargetBoth, Check: CheckGuidance, Params: `{}`,
			Article: nd152 + ", Điều 4, khoản 6",
			Quote: "(Tóm tắt, không phải nguyên văn) Khi nhiều cá nhân, tập thể cùng đủ tiêu chuẩn thì ưu tiên cá nhân nữ hoặc tập thể " +
				"có từ 70% nữ trở lên.",
			ValidFrom: dateND152, Confirmed: true, Source: lines(srcND152, refB1)},
	}
	for i := range rules {
		rules[i].Builtin, rules[i].Active, rules[i].SortOrder = true, true, (i+1)*10
	}
	return rules
}

const titleQuote = "Tiêu chuẩn của danh hiệu chưa có trong tài liệu tham chiếu của chương trình; áp dụng theo Luật Thi đua, " +
	"khen thưởng, nghị định hướng dẫn và quy chế thi đua, khen thưởng của tỉnh, của cơ quan."
