//! The feature tour against a real HTTP server on localhost: what goes on the
//! wire for each construct, and what comes back.

use feature_clients::features::{
    Auth, Cat, Client, Error, GetPetsPetIdError, GetPetsPetIdFilter, GetPetsPetIdOptions,
    GetPetsPetIdRevision, GetPetsPetIdSuccess, GetPetsPetIdType, Node, Pet, ProblemLevel,
    SearchFilter, SearchOptions, SearchTagsItem, Server, SubmitFormRequest, UploadRequest,
};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serve(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .auth(Auth::new("ada", "pa55").with_query_key("qk-secret"))
        .build()
        .unwrap()
}

async fn only_request(server: &MockServer) -> wiremock::Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.remove(0)
}

#[tokio::test]
async fn query_arrays_cookies_path_encoding_and_basic_auth() {
    let cat = json!({"kind": "cat", "name": "Tom", "lives": 9, "type": "house", "self": "me", "reactions": {"+1": 3, "-1": 1}});
    let server = serve(ResponseTemplate::new(200).set_body_json(&cat)).await;
    let options = GetPetsPetIdOptions {
        tags: Some(vec!["a".into(), "b c".into()]),
        fields: Some(vec!["x".into(), "y".into()]),
        session: Some("s1".into()),
        r#type: Some(GetPetsPetIdType::Cat),
        revision: Some(GetPetsPetIdRevision::Integer(3)),
        filter: Some(GetPetsPetIdFilter {
            status: Some("open".into()),
            limit: Some(5),
        }),
    };
    let response = client(&server)
        .get_pets_pet_id_with("tom/../x", &options)
        .await
        .unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "GET");
    assert_eq!(sent.url.path(), "/pets/tom%2F..%2Fx");
    assert_eq!(
        sent.url.query(),
        Some("tags=a&tags=b+c&fields=x%2Cy&type=cat&revision=3&filter%5Blimit%5D=5&filter%5Bstatus%5D=open")
    );
    assert_eq!(sent.headers["cookie"], "session=s1");
    // "ada:pa55" in base64.
    assert_eq!(sent.headers["authorization"], "Basic YWRhOnBhNTU=");

    // Several success bodies: the enum's variants are boxed.
    let GetPetsPetIdSuccess::Ok(pet) = response.body() else {
        panic!("{:?}", response.body())
    };
    let Pet::Cat(cat) = pet.as_ref() else {
        panic!("{pet:?}")
    };
    assert_eq!(cat.lives, Some(9));
    assert_eq!(cat.r#type.as_deref(), Some("house"));
    assert_eq!(cat.self_.as_deref(), Some("me"));
    let reactions = cat.reactions.as_ref().unwrap();
    assert_eq!((reactions.plus_1, reactions.minus_1), (Some(3), Some(1)));
}

#[tokio::test]
async fn a_discriminator_picks_the_variant_and_unknown_kinds_are_kept() {
    let dog = json!({"kind": "dog", "name": "Rex", "good": true, "labels": {"color": "brown"}});
    let server = serve(ResponseTemplate::new(200).set_body_json(&dog)).await;
    let response = client(&server).get_pets_pet_id("rex").send().await.unwrap();
    let GetPetsPetIdSuccess::Ok(pet) = response.body() else {
        panic!("{:?}", response.body())
    };
    let Pet::Dog(dog) = pet.as_ref() else {
        panic!("{pet:?}")
    };
    assert_eq!(dog.labels.as_ref().unwrap()["color"], "brown");

    let parrot = json!({"kind": "parrot", "name": "Polly", "words": 12});
    let pet: Pet = serde_json::from_value(parrot.clone()).unwrap();
    assert_eq!(pet, Pet::Unknown(parrot.clone()));
    assert_eq!(serde_json::to_value(&pet).unwrap(), parrot);
    // A known kind with a broken body is an error, not an unknown kind.
    assert!(serde_json::from_value::<Pet>(json!({"kind": "cat"})).is_err());
    // Serializing a variant writes the variant itself, tag included.
    let cat = Pet::Cat(Box::new(Cat::new("cat".into(), "Tom".into())));
    assert_eq!(
        serde_json::to_value(&cat).unwrap(),
        json!({"kind": "cat", "name": "Tom"})
    );
}

#[tokio::test]
async fn several_success_media_types_and_status_ranges() {
    let server = serve(ResponseTemplate::new(202).set_body_string("fetching")).await;
    let response = client(&server).get_pets_pet_id("x").send().await.unwrap();
    assert_eq!(
        response.body(),
        &GetPetsPetIdSuccess::Accepted("fetching".into())
    );

    let problem = json!({"message": "gone", "level": "high", "trace": {"id": 7}});
    let server = serve(ResponseTemplate::new(410).set_body_json(&problem)).await;
    let error = client(&server)
        .get_pets_pet_id("x")
        .send()
        .await
        .unwrap_err();
    let Error::Api(GetPetsPetIdError::ClientError { status, body }, ..) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*status, 410);
    assert_eq!(body.level, Some(ProblemLevel::Major));
    // `additionalProperties: true` keeps what the schema does not name.
    assert_eq!(body.additional_properties["trace"], json!({"id": 7}));

    let server = serve(ResponseTemplate::new(503).set_body_json(json!({"level": "severe"}))).await;
    let client = Client::builder()
        .base_url(server.uri())
        .auth(Auth::new("ada", "pa55"))
        .retry(clientgen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let error = client.get_pets_pet_id("x").send().await.unwrap_err();
    let Error::Api(GetPetsPetIdError::Other { status: 503, body }, ..) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(body.level, Some(ProblemLevel::Unknown("severe".into())));
}

#[tokio::test]
async fn form_bodies_query_keys_and_constraints() {
    let server = serve(ResponseTemplate::new(204)).await;
    let form = SubmitFormRequest {
        name: "Ada".into(),
        count: Some(3),
    };
    client(&server).submit_form(&form).await.unwrap();
    let sent = only_request(&server).await;
    assert_eq!(sent.url.query(), Some("api_key=qk-secret"));
    assert_eq!(
        sent.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(String::from_utf8_lossy(&sent.body), "name=Ada&count=3");
    assert!(
        sent.headers.get("authorization").is_none(),
        "only the operation's own scheme is sent"
    );

    let too_short = SubmitFormRequest {
        name: "A".into(),
        count: None,
    };
    let error = client(&server).submit_form(&too_short).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "body.name: is 1 characters long, at least 2 are required"
    );
    let too_many = SubmitFormRequest {
        name: "Ada".into(),
        count: Some(11),
    };
    let error = client(&server).submit_form(&too_many).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "body.count: is 11, it must be at most 10"
    );
}

#[tokio::test]
async fn recursive_types_optional_bodies_and_no_security() {
    let tree = json!({"value": 1, "next": {"value": 2, "note": null}, "children": [{"value": 3}]});
    let server = serve(ResponseTemplate::new(200).set_body_json(&tree)).await;
    let anonymous = Client::builder().base_url(server.uri()).build().unwrap();
    let node = anonymous.put_node(None).await.unwrap().into_body();
    assert_eq!(node.next.as_ref().unwrap().value, 2);
    assert_eq!(node.next.as_ref().unwrap().note, Some(None));
    assert_eq!(node.note, None);
    assert_eq!(node.children.as_ref().unwrap()[0].value, 3);
    let sent = only_request(&server).await;
    assert!(sent.body.is_empty());
    assert!(sent.headers.get("authorization").is_none());

    let mut body = Node {
        value: 5,
        next: None,
        children: None,
        note: Some(None),
    };
    body.next = Some(Box::new(Node {
        value: 6,
        next: None,
        children: None,
        note: None,
    }));
    let server = serve(ResponseTemplate::new(200).set_body_json(&tree)).await;
    let anonymous = Client::builder().base_url(server.uri()).build().unwrap();
    anonymous.put_node(Some(&body)).await.unwrap();
    let sent = only_request(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(
        sent,
        json!({"value": 5, "next": {"value": 6}, "note": null})
    );
}

#[test]
fn server_variables_have_defaults_and_enums() {
    let client = Client::builder().build().unwrap();
    assert_eq!(client.base_url(), "https://eu.example.com/v1");
    let us = Server::Regional {
        region: "us".into(),
        version: "v2".into(),
    };
    assert_eq!(
        Client::builder().server(us).build().unwrap().base_url(),
        "https://us.example.com/v2"
    );
    let mars = Server::Regional {
        region: "mars".into(),
        version: "v1".into(),
    };
    let error = Client::builder().server(mars).build().unwrap_err();
    assert_eq!(
        error.to_string(),
        r#"server variable region: "mars" is not one of ["eu", "us"]"#
    );
}

#[test]
fn basic_and_query_credentials_are_redacted() {
    let auth = Auth::new("ada", "pa55").with_query_key("qk-secret");
    let shown = format!("{auth:?}");
    assert!(
        !shown.contains("pa55") && !shown.contains("qk-secret"),
        "{shown}"
    );
}

#[tokio::test]
async fn multipart_bodies_send_one_part_per_property() {
    let server = serve(ResponseTemplate::new(201)).await;
    let upload = UploadRequest {
        file: vec![0, 159, 146, 150],
        title: Some("scan".into()),
        tags: Some(vec!["a".into(), "b".into()]),
    };
    Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap()
        .upload(&upload)
        .await
        .unwrap();
    let sent = only_request(&server).await;
    let content_type = sent.headers["content-type"].to_str().unwrap().to_owned();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("multipart");
    let body = sent.body.clone();
    let text = String::from_utf8_lossy(&body);
    assert_eq!(
        text.matches(&format!("--{boundary}\r\n")).count(),
        3,
        "{text}"
    );
    assert!(text.contains("name=\"title\"\r\n\r\nscan\r\n"), "{text}");
    assert!(
        text.contains("name=\"tags\"\r\n\r\n[\"a\",\"b\"]\r\n"),
        "{text}"
    );
    let file_at = body.windows(4).position(|w| w == [0, 159, 146, 150]);
    assert!(file_at.is_some(), "the file's bytes are sent as they are");
}

#[test]
fn schemas_named_like_generated_or_prelude_items_are_renamed() {
    // `Error` and `Default` would clash with the module's `Error<E>` alias
    // and the prelude's `Default`; they are numbered, with a warning.
    let value = feature_clients::features::Default2 {
        error: Some(feature_clients::features::Error2 { code: Some(1) }),
        option: None,
    };
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!({"error": {"code": 1}})
    );
    assert_eq!(feature_clients::features::Default2::default().option, None);
}

#[tokio::test]
async fn parameters_without_a_text_form_travel_as_json_text() {
    let server = serve(ResponseTemplate::new(204)).await;
    let options = SearchOptions {
        sort: Some(json!({"value": -1})),
        filter: Some(SearchFilter {
            status: Some("open".into()),
        }),
        tags: Some(vec![SearchTagsItem {
            k: Some("a&b=c".into()),
        }]),
        x_meta: Some("note".into()),
    };
    client(&server).search_with(&options).await.unwrap();
    let sent = only_request(&server).await;
    let pairs: Vec<(String, String)> = sent.url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [
            ("sort".to_owned(), r#"{"value":-1}"#.to_owned()),
            ("filter".to_owned(), r#"{"status":"open"}"#.to_owned()),
            ("tags".to_owned(), r#"[{"k":"a&b=c"}]"#.to_owned()),
        ]
    );
    // `content: application/json` makes even a string JSON text.
    assert_eq!(sent.headers["x-meta"], r#""note""#);

    // A free-form value that is a string is sent as it is.
    let plain = SearchOptions {
        sort: Some(json!("name")),
        ..SearchOptions::default()
    };
    let server = serve(ResponseTemplate::new(204)).await;
    client(&server).search_with(&plain).await.unwrap();
    assert_eq!(only_request(&server).await.url.query(), Some("sort=name"));
}
